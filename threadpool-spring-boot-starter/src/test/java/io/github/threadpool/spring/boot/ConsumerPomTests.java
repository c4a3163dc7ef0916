package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The pom that applications get with the starter (the flattened one the build installs and
 * publishes): it must not change the versions of a Spring Boot 3.5 application. So it has no parent
 * (whose import of Spring Boot 4's BOM would manage them), no dependency management, and every
 * Spring, Micrometer or Jakarta dependency is optional: the application brings its own.
 */
class ConsumerPomTests {

  private static final Path CONSUMER_POM = Path.of(".flattened-pom.xml");

  @Test
  void consumerPomShouldHaveNoParentAndManageNoVersions() throws Exception {
    Document pom = read();

    assertThat(children(pom.getDocumentElement(), "parent")).isEmpty();
    assertThat(children(pom.getDocumentElement(), "dependencyManagement")).isEmpty();
  }

  @Test
  void consumerPomShouldRequireNoSpringMicrometerOrJakartaVersion() throws Exception {
    List<String> required = new ArrayList<>();
    List<String> dependencies = new ArrayList<>();
    for (Element dependencyList : children(read().getDocumentElement(), "dependencies")) {
      for (Element dependency : children(dependencyList, "dependency")) {
        String coordinates = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
        dependencies.add(coordinates);
        boolean optional = "true".equals(text(dependency, "optional"));
        boolean provided = "provided".equals(text(dependency, "scope"));
        boolean test = "test".equals(text(dependency, "scope"));
        if (coordinates.matches("(org\\.springframework|io\\.micrometer|jakarta\\.).*")
            && !optional
            && !provided
            && !test) {
          required.add(coordinates);
        }
      }
    }

    assertThat(dependencies).contains("org.springframework.boot:spring-boot-autoconfigure");
    assertThat(required).as("required dependencies that an application brings itself").isEmpty();
  }

  private static Document read() throws Exception {
    assertThat(CONSUMER_POM)
        .as("the flattened pom, written by flatten-maven-plugin at process-resources")
        .exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(CONSUMER_POM)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
  }
}
