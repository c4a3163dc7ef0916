package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped Grafana dashboard and Prometheus rules (docs/observability) against a real
 * application's {@code /actuator/prometheus}: every series they use must exist under exactly that
 * name, with the label values they select, so that the files cannot drift from the meters.
 */
@SpringBootTest(
    classes = ObservabilityFilesScrapeTests.TestApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      WithoutSecurity.PROPERTY,
      "management.endpoints.web.exposure.include=prometheus",
      // as docs/observability/README.md tells: histogram buckets for the percentile panels
      "management.metrics.distribution.percentiles-histogram.threadpool=true",
      "threadpool.workers=2",
      "threadpool.queue-timeout=10s",
      "threadpool.run-timeout=1m",
      "threadpool.pools.io.workers=1"
    })
@AutoConfigureMetrics
@DirtiesContext
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ObservabilityFilesScrapeTests {

  private static final Path OBSERVABILITY = Path.of("..", "docs", "observability");

  /** A series name in PromQL; names of ours all start with threadpool_. */
  private static final Pattern SERIES = Pattern.compile("\\b(threadpool_[a-z_]+)\\b");

  /** A selector with label matchers, such as threadpool_x{kind="run", name=~"$name"}. */
  private static final Pattern SELECTOR = Pattern.compile("\\b(threadpool_[a-z_]+)\\{([^}]*)}");

  /** An exact label matcher with a literal value (not a Grafana variable). */
  private static final Pattern EXACT_MATCHER = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"$]*)\"");

  @LocalServerPort private int port;

  @Autowired private ThreadPool pool;

  private List<Series> scraped = List.of();

  @BeforeEach
  void scrape() {
    pool.putRequest(WorkRequest.of(() -> "measured", (request, result) -> {}));
    pool.waitForAll();
    String body =
        RestClient.create("http://localhost:" + port)
            .get()
            .uri("/actuator/prometheus")
            .accept(MediaType.TEXT_PLAIN)
            .retrieve()
            .body(String.class);
    scraped = Series.parse(Objects.requireNonNull(body, "the scrape's body"));
  }

  @Test
  void dashboardWhenImportedShouldQueryOnlySeriesTheApplicationExports() throws IOException {
    List<String> queries = new ArrayList<>();
    collectQueries(
        JsonParserFactory.getJsonParser()
            .parseMap(Files.readString(OBSERVABILITY.resolve("threadpool-dashboard.json"))),
        queries);

    assertThat(queries).hasSizeGreaterThan(10);
    assertEverySeriesExists("threadpool-dashboard.json", queries);
  }

  @Test
  void alertRulesShouldQueryOnlySeriesTheApplicationExports() throws IOException {
    Map<String, Object> rules =
        new Yaml().load(Files.readString(OBSERVABILITY.resolve("threadpool-alerts.yml")));
    List<String> expressions = new ArrayList<>();
    collectQueries(rules, expressions);

    assertThat(expressions).hasSize(6);
    assertEverySeriesExists("threadpool-alerts.yml", expressions);
  }

  private void assertEverySeriesExists(String file, List<String> queries) {
    Set<String> names = new LinkedHashSet<>();
    Map<String, Map<String, String>> matchers = new LinkedHashMap<>();
    for (String query : queries) {
      Matcher series = SERIES.matcher(query);
      while (series.find()) {
        names.add(series.group(1));
      }
      Matcher selector = SELECTOR.matcher(query);
      while (selector.find()) {
        Matcher matcher = EXACT_MATCHER.matcher(selector.group(2));
        while (matcher.find()) {
          matchers
              .computeIfAbsent(selector.group(1), name -> new LinkedHashMap<>())
              .put(matcher.group(1), matcher.group(2));
        }
      }
    }
    assertThat(names).as("series used in %s", file).isNotEmpty();
    Set<String> exported = new LinkedHashSet<>();
    scraped.forEach(series -> exported.add(series.name()));
    assertThat(exported).as("series of /actuator/prometheus used in %s", file).containsAll(names);
    matchers.forEach(
        (name, labels) ->
            labels.forEach(
                (label, value) ->
                    assertThat(scraped)
                        .as("%s in %s selects %s=\"%s\"", name, file, label, value)
                        .anySatisfy(
                            series -> {
                              assertThat(series.name()).isEqualTo(name);
                              assertThat(series.labels()).containsEntry(label, value);
                            })));
  }

  /** Collects every PromQL text of a dashboard ("expr", variable queries) or rule file ("expr"). */
  @SuppressWarnings("unchecked")
  private static void collectQueries(Object node, List<String> queries) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (("expr".equals(key) || "definition".equals(key)) && value instanceof String text) {
              queries.add(text);
            } else {
              collectQueries(value, queries);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectQueries(item, queries));
    }
  }

  private record Series(String name, Map<String, String> labels) {

    private static final Pattern LINE =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static List<Series> parse(String exposition) {
      List<Series> all = new ArrayList<>();
      for (String line : exposition.lines().toList()) {
        if (line.startsWith("#")) {
          continue;
        }
        Matcher matcher = LINE.matcher(line);
        if (matcher.find()) {
          Map<String, String> labels = new LinkedHashMap<>();
          if (matcher.group(3) != null) {
            Matcher label = LABEL.matcher(matcher.group(3));
            while (label.find()) {
              labels.put(label.group(1), label.group(2));
            }
          }
          all.add(new Series(matcher.group(1), labels));
        }
      }
      return all;
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class TestApplication {}
}
