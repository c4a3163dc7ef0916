package io.github.threadpool.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.config.server.EnableConfigServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A Spring Cloud Config Server with the native backend over a directory, and client applications of
 * the starter that import their configuration from it, each on a random port. Closing the fleet
 * closes every application it started, clients first.
 */
final class Fleet implements AutoCloseable {

  /** The application name of the clients, hence the server's file they read: fleet.properties. */
  static final String APPLICATION = "fleet";

  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  private final Path repository;
  private final List<ConfigurableApplicationContext> clients = new ArrayList<>();
  private final ConfigurableApplicationContext server;

  private Fleet(Path repository, ConfigurableApplicationContext server) {
    this.repository = repository;
    this.server = server;
  }

  /** Writes {@code configuration} as the clients' file and starts the Config Server over it. */
  static Fleet start(Path repository, String configuration) throws IOException {
    Files.writeString(repository.resolve(APPLICATION + ".properties"), configuration);
    ConfigurableApplicationContext server =
        new SpringApplicationBuilder(ConfigServer.class)
            .web(WebApplicationType.SERVLET)
            .properties(
                "spring.application.name=configserver",
                "server.port=0",
                "spring.profiles.active=native",
                "spring.cloud.config.server.native.search-locations=file:" + repository + "/",
                "spring.cloud.bus.enabled=false",
                "spring.cloud.stream.function.autodetect=false",
                "threadpool.workers=1")
            .run();
    return new Fleet(repository, server);
  }

  /** Replaces the clients' file on the server; the clients see it at their next refresh. */
  void configure(String configuration) throws IOException {
    Files.writeString(repository.resolve(APPLICATION + ".properties"), configuration);
  }

  /**
   * Starts a client web application on a random port whose configuration comes from the server.
   *
   * @param properties more properties of the client, {@code key=value}
   */
  Client client(String... properties) {
    List<String> all = new ArrayList<>();
    all.add("spring.application.name=" + APPLICATION);
    all.add("server.port=0");
    all.add("spring.config.import=configserver:http://localhost:" + port(server));
    // The Config Server on the classpath turns the client off unless asked for.
    all.add("spring.cloud.config.enabled=true");
    all.add("management.endpoints.web.exposure.include=refresh,busrefresh,threadpool,health");
    all.addAll(List.of(properties));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ClientApplication.class)
            .web(WebApplicationType.SERVLET)
            .properties(all.toArray(String[]::new))
            .run();
    clients.add(context);
    return new Client(context);
  }

  @Override
  public void close() {
    for (int i = clients.size() - 1; i >= 0; i--) {
      clients.get(i).close();
    }
    server.close();
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(
        Objects.requireNonNull(context.getEnvironment().getProperty("local.server.port")));
  }

  /** One client application, reached over HTTP. */
  static final class Client {

    private final ConfigurableApplicationContext context;
    private final RestClient http;

    Client(ConfigurableApplicationContext context) {
      this.context = context;
      this.http = RestClient.create("http://localhost:" + port(context));
    }

    ConfigurableApplicationContext context() {
      return context;
    }

    /** {@code GET /actuator/threadpool/{pool}}. */
    Map<String, Object> pool(String name) {
      return Objects.requireNonNull(
          http.get().uri("/actuator/threadpool/{name}", name).retrieve().body(JSON));
    }

    /** The live workers of {@code pool}, read over HTTP. */
    int workers(String pool) {
      return ((Number) Objects.requireNonNull(pool(pool).get("workers"))).intValue();
    }

    /** {@code POST /actuator/{endpoint}} with an empty JSON body; answers the HTTP status. */
    int post(String endpoint) {
      return http.post()
          .uri("/actuator/{endpoint}", endpoint)
          .contentType(MediaType.APPLICATION_JSON)
          .body("{}")
          .exchange((request, response) -> response.getStatusCode().value());
    }

    /** The pool's last change, as the endpoint reads it, or null. */
    @SuppressWarnings("unchecked")
    @Nullable Map<String, Object> lastChange(String pool) {
      return (Map<String, Object>) pool(pool).get("lastChange");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableConfigServer
  static class ConfigServer {}

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class ClientApplication {}
}
