package io.github.threadpool.compat.boot3;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import io.github.threadpool.spring.boot.actuate.ThreadPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

/** The starter, built against Spring Boot 4, in a Spring Boot 3.5 web application. */
@SpringBootTest(
    classes = Boot3CompatibilityTests.Boot3Application.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=threadpool,health,prometheus",
      "management.endpoint.threadpool.access=unrestricted",
      "management.endpoint.health.show-details=always",
      "server.error.include-message=always",
      "threadpool.workers=2",
      "threadpool.max-workers=4",
      "threadpool.thread-name-prefix=boot3-"
    })
@AutoConfigureObservability
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Boot3CompatibilityTests {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
      new ParameterizedTypeReference<>() {};

  @LocalServerPort private int port;

  @Autowired private ThreadPool pool;

  @Autowired private MeterRegistry registry;

  @Autowired private HealthContributorRegistry health;

  @AfterEach
  void restoreTheSize() {
    pool.resize(2);
    pool.joinAllDismissedWorkers();
  }

  @Test
  void bootVersionWhenTestedShouldBeThree() {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
  }

  @Test
  void autoconfigureWhenTheStarterIsAddedShouldKeepTheApplicationsBootVersion() {
    // The starter is built against Boot 4; its pom must not upgrade the application's Boot 3.5.
    assertThat(AutoConfiguration.class.getPackage().getImplementationVersion()).startsWith("3.5.");
    assertThat(Endpoint.class.getPackage().getImplementationVersion()).startsWith("3.5.");
  }

  @Test
  void poolWhenAutoConfiguredShouldBeBoundFromProperties() throws Exception {
    assertThat(pool.name()).isEqualTo("default");
    assertThat(pool.workerCount()).isEqualTo(2);
    WorkRequest<String> request =
        WorkRequest.of(() -> "ran on " + Thread.currentThread().getName());
    pool.putRequest(request);
    assertThat(pool.waitForAll(Duration.ofSeconds(10))).isTrue();
    assertThat(pool.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
        .startsWith("boot3-default-");
  }

  @Test
  void metersWhenBoundByBoot3ShouldCarryTheNameTag() {
    assertThat(registry.get("threadpool.workers").tag("name", "default").gauge().value())
        .isEqualTo(2);
    assertThat(registry.find("threadpool.requests.completed").functionCounter()).isNotNull();
  }

  @Test
  void timersWhenARequestRanShouldBeExportedWithTheBoot3Registry() {
    pool.putRequest(WorkRequest.of(() -> "timed", (request, result) -> {}));
    pool.waitForAll();

    String scrape =
        client()
            .get()
            .uri("/actuator/prometheus")
            .accept(MediaType.TEXT_PLAIN)
            .retrieve()
            .body(String.class);

    assertThat(scrape)
        .containsPattern("threadpool_requests_wait_seconds_count\\{name=\"default\"} [1-9]")
        .containsPattern(
            "threadpool_requests_duration_seconds_count\\{name=\"default\",outcome=\"success\"}"
                + " [1-9]")
        .containsPattern("threadpool_results_wait_seconds_count\\{name=\"default\"} [1-9]")
        .contains("threadpool_requests_timeouts_tasks_total{kind=\"run\",name=\"default\"} 0.0")
        .contains("threadpool_workers_configured_threads{name=\"default\"} 2.0")
        .contains("threadpool_workers_max_threads{name=\"default\"}");
  }

  @Test
  void prometheusWhenScrapedShouldExposeTheMeters() {
    String scrape =
        client()
            .get()
            .uri("/actuator/prometheus")
            .accept(MediaType.TEXT_PLAIN)
            .retrieve()
            .body(String.class);

    assertThat(scrape)
        .contains("threadpool_workers_threads{name=\"default\"} 2.0")
        .contains("threadpool_queue_depth_tasks{name=\"default\"}")
        .contains("threadpool_requests_completed_tasks_total{name=\"default\"}");
  }

  @Test
  void endpointWhenReadOverHttpShouldDescribeThePool() {
    Map<String, Object> body = json(client().get().uri("/actuator/threadpool").retrieve());

    assertThat(body.get("pools"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("default");
    assertThat(json(client().get().uri("/actuator/threadpool/default").retrieve()))
        .containsEntry("workers", 2)
        .containsEntry("maxWorkers", 4);
  }

  @Test
  void endpointWhenPoolIsUnknownShouldAnswer404() {
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(
            () -> client().get().uri("/actuator/threadpool/nope").retrieve().toBodilessEntity())
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
  }

  @Test
  void endpointWhenResizedOverHttpShouldChangeThePool() {
    Map<String, Object> body =
        json(
            client()
                .post()
                .uri("/actuator/threadpool/default")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"workers\": 3}")
                .retrieve());

    assertThat(body).containsEntry("workers", 3);
    assertThat(pool.workerCount()).isEqualTo(3);
  }

  @Test
  void endpointWhenDismissedWithoutJoinShouldUseTheOptionalParameterDefault() {
    Map<String, Object> body =
        json(client().delete().uri("/actuator/threadpool/default?count=1").retrieve());

    assertThat(body).containsEntry("workers", 1);
  }

  @Test
  void endpointWhenInputIsInvalidShouldAnswer400WithAMessageAndChangeNothing() {
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(
            () ->
                client()
                    .post()
                    .uri("/actuator/threadpool/default")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"workers\": \"lots\"}")
                    .retrieve()
                    .toBodilessEntity())
        .satisfies(
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.getResponseBodyAsString())
                  .contains("workers must be a whole number in 0..4, was 'lots'");
            });
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(
            () ->
                client()
                    .delete()
                    .uri("/actuator/threadpool/default?count=-1")
                    .retrieve()
                    .toBodilessEntity())
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(
            () ->
                client()
                    .post()
                    .uri("/actuator/threadpool/default?workers=3")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"workers\": 1}")
                    .retrieve()
                    .toBodilessEntity())
        .satisfies(
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.getResponseBodyAsString())
                  .contains("workers must be given in the JSON body, not in the query string");
            });
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void healthWhenPoolRunsShouldReportThreadpoolUpWithDetails() {
    assertThat(health.getContributor("threadpool")).isNotNull();
    Map<String, Object> body = json(client().get().uri("/actuator/health/threadpool").retrieve());

    assertThat(body).containsEntry("status", "UP");
    assertThat(body.get("details"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("name", "default")
        .containsEntry("workers", 2)
        .containsEntry("queueDepth", 0)
        .containsEntry("queueCapacity", 0);
  }

  @Test
  void healthWhenWorkIsQueuedWithoutWorkersShouldReportThreadpoolDown() {
    pool.resize(0);
    pool.joinAllDismissedWorkers();
    pool.putRequest(WorkRequest.of(() -> "waits for a worker"));
    try {
      assertThatExceptionOfType(HttpServerErrorException.class)
          .isThrownBy(
              () -> client().get().uri("/actuator/health/threadpool").retrieve().toBodilessEntity())
          .satisfies(
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(e.getResponseBodyAsString()).contains("\"status\":\"DOWN\"");
              });
    } finally {
      pool.resize(2);
      assertThat(pool.waitForAll(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void beansWhenOnBoot3ShouldIncludeMetricsAndEndpoint(
      @Autowired ThreadPoolMetrics metrics, @Autowired ThreadPoolEndpoint endpoint) {
    assertThat(metrics).isNotNull();
    assertThat(endpoint.pools().pools()).containsOnlyKeys("default");
  }

  private RestClient client() {
    return RestClient.create("http://localhost:" + port);
  }

  private static Map<String, Object> json(RestClient.ResponseSpec response) {
    return requireNonNull(response.body(JSON_OBJECT), "no body");
  }

  @SpringBootApplication(proxyBeanMethods = false)
  static class Boot3Application {}
}
