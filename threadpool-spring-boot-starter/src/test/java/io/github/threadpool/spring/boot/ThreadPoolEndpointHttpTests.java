package io.github.threadpool.spring.boot;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.threadpool.ThreadPool;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

@SpringBootTest(
    classes = ThreadPoolEndpointHttpTests.TestApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      WithoutSecurity.PROPERTY,
      "management.endpoints.web.exposure.include=threadpool,health,prometheus",
      "management.endpoint.threadpool.access=unrestricted",
      "management.endpoint.health.show-details=always",
      "spring.web.error.include-message=always",
      "threadpool.workers=2",
      "threadpool.max-workers=4",
      "threadpool.thread-name-prefix=http-"
    })
@AutoConfigureMetrics
@DirtiesContext
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolEndpointHttpTests {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
      new ParameterizedTypeReference<>() {};

  private static final String[] EVERY_FIELD = {
    "name",
    "workers",
    "busyWorkers",
    "dismissedWorkers",
    "queueDepth",
    "queueCapacity",
    "pendingRequests",
    "pendingResults",
    "completed",
    "failed",
    "rejected",
    "maxWorkers",
    "configuredWorkers",
    "lastChange"
  };

  @LocalServerPort private int port;

  @Autowired private ThreadPool pool;

  @Autowired private ApplicationContext context;

  private RestClient client() {
    return RestClient.create("http://localhost:" + port);
  }

  @AfterEach
  void restoreTheSize() {
    pool.setRequestQueueCapacity(0);
    pool.resize(2);
    pool.joinAllDismissedWorkers();
  }

  @Test
  void readAllWhenCalledShouldListEveryPoolByName() {
    Map<String, Object> body = json(client().get().uri("/actuator/threadpool").retrieve());

    assertThat(body).containsOnlyKeys("pools");
    assertThat(body.get("pools"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("default");
  }

  @Test
  void readOneWhenKnownShouldAnswerEveryField() {
    Map<String, Object> body = read("default");

    // lastChange is left out while null, that is until the first change of the pool
    assertThat(body.keySet()).isSubsetOf(List.of(EVERY_FIELD));
    assertThat(body)
        .containsKeys(
            "name",
            "workers",
            "busyWorkers",
            "dismissedWorkers",
            "queueDepth",
            "queueCapacity",
            "pendingRequests",
            "pendingResults",
            "completed",
            "failed",
            "rejected",
            "maxWorkers",
            "configuredWorkers")
        .containsEntry("name", "default")
        .containsEntry("configuredWorkers", 2)
        .containsEntry("workers", 2)
        .containsEntry("maxWorkers", 4);
  }

  @Test
  void readOneWhenUnknownShouldAnswer404() {
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(() -> read("nope"))
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
  }

  @Test
  void resizeWhenInRangeShouldAnswerThePoolAfterTheChange() {
    Map<String, Object> body = resize("default", "{\"workers\": 4}");

    assertThat(body).containsEntry("workers", 4);
    assertThat(pool.workerCount()).isEqualTo(4);
  }

  @Test
  void resizeWhenPoolIsUnknownShouldAnswer400NamingIt() {
    assertRefused(() -> resize("nope", "{\"workers\": 1}")).contains("no thread pool named 'nope'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"workers\": -1}     | -1",
        "{\"workers\": 5}      | 5",
        "{\"workers\": \"abc\"} | abc",
        "{\"workers\": 2.5}    | 2.5",
        "{\"workers\": \"+4\"}  | +4",
        "{\"workers\": \"\u0664\"}  | \u0664",
        "{\"workers\": \" 1\"}  | ' 1'",
      })
  void resizeWhenOutOfRangeOrNotANumberShouldAnswer400WithAMessageAndChangeNothing(
      String json, String shown) {
    assertRefused(() -> resize("default", json))
        .contains("workers must be a whole number in 0..4, was '" + shown + "'");
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void resizeWhenValueIsHugeShouldAnswer400QuotingOnlyItsBeginning() {
    String huge = "9".repeat(1_000_000);

    assertRefused(() -> resize("default", "{\"workers\": \"" + huge + "\"}"))
        .contains("was '99999999999999999999...' (1000000 characters)")
        .hasSizeLessThan(1000);
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "workers=3                  | ''                         | workers",
        "requestQueueCapacity=5     | ''                         | requestQueueCapacity",
        "workers=3                  | '{\"workers\": 1}'         | workers",
        "x=1&%72equestQueueCapacity | '{\"workers\": 1}'         | requestQueueCapacity",
      })
  void changeWhenTheQueryStringCarriesAValueShouldAnswer400AndChangeNothing(
      String query, String body, String parameter) {
    assertRefused(
            () ->
                json(
                    client()
                        .post()
                        .uri(
                            URI.create(
                                "http://localhost:"
                                    + port
                                    + "/actuator/threadpool/default?"
                                    + query))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()))
        .contains(parameter + " must be given in the JSON body, not in the query string");
    assertThat(pool.workerCount()).isEqualTo(2);
    assertThat(pool.requestQueueCapacity()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "\"workers\"", "{", "{\"workers\": [1]}", "{\"workers\": {}}"})
  void changeWhenTheBodyIsNotAnObjectOfValuesShouldAnswer400InTheEndpointsWords(String body) {
    assertRefused(() -> resize("default", body))
        .contains(
            "the body must be a JSON object such as {\\\"workers\\\": 4} or"
                + " {\\\"requestQueueCapacity\\\": 100}")
        .doesNotContain("java.")
        .doesNotContain("Exception")
        .doesNotContain("tools.jackson")
        .doesNotContain("com.fasterxml");
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void changeWhenTheQueryStringCarriesSomethingElseShouldTakeTheBody() {
    Map<String, Object> body =
        json(
            client()
                .post()
                .uri("/actuator/threadpool/default?trace=1")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"workers\": 3}")
                .retrieve());

    assertThat(body).containsEntry("workers", 3);
  }

  @Test
  void dismissWhenJoinIsNotABooleanShouldAnswer400NamingParameterAndValue() {
    assertRefused(() -> dismiss("default", "count=1&join=maybe"))
        .contains("join must be true or false, was 'maybe'");
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void changeWhenBodyHoldsTheQueueCapacityShouldSetItAndAnswerThePool() {
    Map<String, Object> body = resize("default", "{\"requestQueueCapacity\": 7}");

    assertThat(body).containsEntry("queueCapacity", 7).containsEntry("workers", 2);
    assertThat(pool.requestQueueCapacity()).isEqualTo(7);

    Map<String, Object> both = resize("default", "{\"workers\": 3, \"requestQueueCapacity\": 0}");
    assertThat(both).containsEntry("queueCapacity", 0).containsEntry("workers", 3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"requestQueueCapacity\": -1}",
        "{\"requestQueueCapacity\": \"many\"}",
        "{\"workers\": 3, \"requestQueueCapacity\": 1.5}"
      })
  void changeWhenQueueCapacityIsInvalidShouldAnswer400AndChangeNothing(String json) {
    assertRefused(() -> resize("default", json))
        .contains("requestQueueCapacity must be a whole number >= 0, was '");
    assertThat(pool.workerCount()).isEqualTo(2);
    assertThat(pool.requestQueueCapacity()).isZero();
  }

  @Test
  void resizeWhenWorkersAreMissingShouldAnswer400() {
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(() -> resize("default", "{}"))
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void dismissWhenJoinedShouldAnswerThePoolWithoutTheDismissedWorker() {
    Map<String, Object> body = dismiss("default", "count=1&join=true");

    assertThat(body).containsEntry("workers", 1).containsEntry("dismissedWorkers", 0);
    assertThat(pool.workerCount()).isEqualTo(1);
  }

  @Test
  void dismissWhenJoinIsOmittedShouldDismissWithoutWaiting() {
    Map<String, Object> body = dismiss("default", "count=2");

    assertThat(body).containsEntry("workers", 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"count=-1", "count=5", "count=two", "count=1&join=maybe", "join=true"})
  void dismissWhenInputIsInvalidShouldAnswer400AndChangeNothing(String query) {
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(() -> dismiss("default", query))
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void dismissWhenCountIsOutOfRangeShouldNameParameterValueAndRange() {
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(() -> dismiss("default", "count=9"))
        .satisfies(
            e ->
                assertThat(e.getResponseBodyAsString())
                    .contains("count must be a whole number in 0..4, was '9'"));
  }

  @Test
  void healthWhenPoolRunsShouldReportThreadpoolUpWithDetails() {
    Map<String, Object> body = json(client().get().uri("/actuator/health/threadpool").retrieve());

    assertThat(body).containsEntry("status", "UP");
    assertThat(body.get("details"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("workers", 2)
        .containsEntry("queueDepth", 0)
        .containsEntry("queueCapacity", 0);
  }

  @Test
  void prometheusWhenScrapedShouldExposeEveryMeterWithTheNameTag() {
    String scrape =
        client()
            .get()
            .uri("/actuator/prometheus")
            .accept(MediaType.TEXT_PLAIN)
            .retrieve()
            .body(String.class);

    assertThat(scrape)
        .contains("threadpool_workers_threads{name=\"default\"} 2.0")
        .contains("threadpool_workers_busy_threads{name=\"default\"}")
        .contains("threadpool_workers_dismissed_threads{name=\"default\"}")
        .contains("threadpool_queue_depth_tasks{name=\"default\"}")
        .contains("threadpool_queue_remaining_tasks{name=\"default\"}")
        .contains("threadpool_results_pending_results{name=\"default\"}")
        .contains("threadpool_requests_completed_tasks_total{name=\"default\"}")
        .contains("threadpool_requests_failed_tasks_total{name=\"default\"}")
        .contains("threadpool_requests_rejected_tasks_total{name=\"default\"}")
        .contains("# HELP threadpool_workers_threads live (not dismissed) workers");
  }

  @Test
  void lifecycleWhenComparedWithTheWebServerLifecyclesShouldStopAfterThem() {
    Map<String, SmartLifecycle> lifecycles = context.getBeansOfType(SmartLifecycle.class);
    List<SmartLifecycle> webServer =
        lifecycles.entrySet().stream()
            .filter(entry -> entry.getKey().startsWith("webServer"))
            .map(Map.Entry::getValue)
            .toList();
    int poolPhase = context.getBean(ThreadPoolLifecycle.class).getPhase();

    assertThat(webServer)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(lifecycle -> assertThat(lifecycle.getPhase()).isGreaterThan(poolPhase));
  }

  private Map<String, Object> read(String name) {
    return json(client().get().uri("/actuator/threadpool/{name}", name).retrieve());
  }

  /** Asserts that {@code request} is refused with 400 and returns its body, to check. */
  private static AbstractStringAssert<?> assertRefused(ThrowingCallable request) {
    HttpClientErrorException refusal =
        catchThrowableOfType(HttpClientErrorException.class, request);
    assertThat(refusal).as("the request was refused").isNotNull();
    assertThat(requireNonNull(refusal).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    return assertThat(refusal.getResponseBodyAsString());
  }

  private Map<String, Object> resize(String name, String json) {
    return json(
        client()
            .post()
            .uri("/actuator/threadpool/{name}", name)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json)
            .retrieve());
  }

  private Map<String, Object> dismiss(String name, String query) {
    return json(client().delete().uri("/actuator/threadpool/" + name + "?" + query).retrieve());
  }

  private static Map<String, Object> json(RestClient.ResponseSpec response) {
    return requireNonNull(response.body(JSON_OBJECT), "no body");
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class TestApplication {}
}
