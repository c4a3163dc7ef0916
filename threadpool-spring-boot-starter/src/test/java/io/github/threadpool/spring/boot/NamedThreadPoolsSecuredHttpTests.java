package io.github.threadpool.spring.boot;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.change.ThreadPoolChangedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** A named pool operated over HTTP by an authenticated operator (HTTP Basic). */
@SpringBootTest(
    classes = NamedThreadPoolsSecuredHttpTests.TestApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=threadpool,health",
      "management.endpoint.threadpool.access=unrestricted",
      "management.endpoint.health.show-details=always",
      "threadpool.workers=1",
      "threadpool.pools.io.workers=2",
      "threadpool.pools.io.max-workers=6"
    })
@DirtiesContext
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamedThreadPoolsSecuredHttpTests {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
      new ParameterizedTypeReference<>() {};

  @LocalServerPort private int port;

  @Autowired
  @Qualifier("io")
  private ThreadPool io;

  @Autowired private Events events;

  @Test
  void resizeByNameWhenAuthenticatedShouldChangeThePoolAndRecordTheOperator() {
    Map<String, Object> resized =
        json(
            client()
                .post()
                .uri("/actuator/threadpool/io")
                .headers(headers -> headers.setBasicAuth("operator", "secret"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"workers\": 5}")
                .retrieve());

    assertThat(resized).containsEntry("name", "io").containsEntry("workers", 5);
    assertThat(io.workerCount()).isEqualTo(5);

    Map<String, Object> read = json(client().get().uri("/actuator/threadpool/io").retrieve());
    assertThat(read)
        .containsEntry("workers", 5)
        .containsEntry("configuredWorkers", 2)
        .containsEntry("maxWorkers", 6);
    assertThat(read.get("lastChange"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("pool", "io")
        .containsEntry("previousWorkers", 2)
        .containsEntry("currentWorkers", 5)
        .containsEntry("source", "endpoint")
        .containsEntry("principal", "operator")
        .hasEntrySatisfying(
            "time",
            time -> assertThat(Instant.parse((String) time)).isBeforeOrEqualTo(Instant.now()));
    assertThat(events.events)
        .singleElement()
        .satisfies(event -> assertThat(event.getChange().principal()).isEqualTo("operator"));
  }

  @Test
  void resizeWhenAnonymousShouldBeRefusedAndChangeNothing() {
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(
            () ->
                client()
                    .method(HttpMethod.POST)
                    .uri("/actuator/threadpool/io")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"workers\": 3}")
                    .retrieve()
                    .toBodilessEntity())
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
    assertThat(io.workerCount()).isNotEqualTo(3);
  }

  @Test
  void readAllAndHealthShouldShowEveryPoolByName() {
    Map<String, Object> all = json(client().get().uri("/actuator/threadpool").retrieve());
    assertThat(all.get("pools"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("default", "io");

    Map<String, Object> health =
        json(client().get().uri("/actuator/health/threadpool/io").retrieve());
    assertThat(health).containsEntry("status", "UP");
    assertThat(health.get("details"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("name", "io");
  }

  private RestClient client() {
    return RestClient.create("http://localhost:" + port);
  }

  private static Map<String, Object> json(RestClient.ResponseSpec response) {
    return requireNonNull(response.body(JSON_OBJECT), "no body");
  }

  static class Events implements ApplicationListener<ThreadPoolChangedEvent> {

    final List<ThreadPoolChangedEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(ThreadPoolChangedEvent event) {
      events.add(event);
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class TestApplication {

    @Bean
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(
              requests ->
                  requests
                      .requestMatchers(HttpMethod.GET, "/actuator/**")
                      .permitAll()
                      .anyRequest()
                      .hasRole("OPERATOR"))
          .httpBasic(Customizer.withDefaults())
          .csrf(csrf -> csrf.disable())
          .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("operator").password("{noop}secret").roles("OPERATOR").build());
    }

    @Bean
    Events events() {
      return new Events();
    }
  }
}
