package io.github.threadpool.compat.boot3;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.change.ThreadPoolChangedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

/** Named pools, their endpoint, meters and health in a Spring Boot 3.5 web application. */
@SpringBootTest(
    classes = Boot3NamedPoolsTests.Boot3Application.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=threadpool,health",
      "management.endpoint.threadpool.access=unrestricted",
      "management.endpoint.health.show-details=always",
      "threadpool.workers=1",
      "threadpool.pools.io.workers=2",
      "threadpool.pools.io.max-workers=6",
      "threadpool.pools.io.thread-name-prefix=boot3-"
    })
@AutoConfigureObservability
@DirtiesContext
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Boot3NamedPoolsTests {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
      new ParameterizedTypeReference<>() {};

  @LocalServerPort private int port;

  @Autowired private ThreadPool primary;

  @Autowired
  @Qualifier("io")
  private ThreadPool io;

  @Autowired private MeterRegistry registry;

  @Autowired private Events events;

  @AfterEach
  void restoreTheConfiguredSize() {
    io.resize(2);
    io.joinAllDismissedWorkers();
  }

  @Test
  void injectionWhenQualifiedShouldGetTheNamedPoolAndOtherwiseTheDefault() throws Exception {
    assertThat(primary.name()).isEqualTo("default");
    assertThat(io.name()).isEqualTo("io");
    assertThat(io.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
        .startsWith("boot3-io-");
  }

  @Test
  void metersWhenSeveralPoolsShouldCarryEachPoolsName() {
    assertThat(registry.get("threadpool.workers").tag("name", "default").gauge().value())
        .isEqualTo(1);
    assertThat(registry.get("threadpool.workers").tag("name", "io").gauge().value()).isEqualTo(2);
  }

  @Test
  void endpointWhenResizingANamedPoolOverHttpShouldChangeItAndShowTheLastChange() {
    Map<String, Object> all = json(client().get().uri("/actuator/threadpool").retrieve());
    assertThat(all.get("pools"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("default", "io");

    Map<String, Object> resized =
        json(
            client()
                .post()
                .uri("/actuator/threadpool/io")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"workers\": 4}")
                .retrieve());

    assertThat(resized)
        .containsEntry("workers", 4)
        .containsEntry("configuredWorkers", 2)
        .containsEntry("maxWorkers", 6);
    assertThat(resized.get("lastChange"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("pool", "io")
        .containsEntry("previousWorkers", 2)
        .containsEntry("currentWorkers", 4)
        .containsEntry("source", "endpoint")
        .hasEntrySatisfying(
            "time",
            time -> assertThat(Instant.parse((String) time)).isBeforeOrEqualTo(Instant.now()));
    assertThat(io.workerCount()).isEqualTo(4);
    assertThat(events.events)
        .filteredOn(event -> event.getChange().source().equals("endpoint"))
        .hasSize(1);
  }

  @Test
  void resizeThroughThePoolsApiShouldPublishAnEventWithSourceApi() {
    int before = io.workerCount();

    io.resize(before + 1);

    assertThat(events.events)
        .last()
        .satisfies(
            event -> {
              assertThat(event.getChange().source()).isEqualTo("api");
              assertThat(event.getChange().previousWorkers()).isEqualTo(before);
              assertThat(event.getChange().currentWorkers()).isEqualTo(before + 1);
            });
  }

  @Test
  void healthWhenSeveralPoolsShouldHaveOneComponentPerPool() {
    Map<String, Object> body = json(client().get().uri("/actuator/health/threadpool").retrieve());

    assertThat(body).containsEntry("status", "UP");
    assertThat(body.get("components"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("default", "io");
    Map<String, Object> ioHealth =
        json(client().get().uri("/actuator/health/threadpool/io").retrieve());
    assertThat(ioHealth.get("details"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("name", "io");
  }

  @Test
  void contextWhenRunningShouldHaveALifecyclePerPool(
      @Autowired Map<String, org.springframework.context.SmartLifecycle> lifecycles) {
    assertThat(lifecycles).containsKeys("threadPoolLifecycle", "ioThreadPoolLifecycle");
    assertThat(lifecycles.get("ioThreadPoolLifecycle").isRunning()).isTrue();
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

  @SpringBootApplication(proxyBeanMethods = false)
  static class Boot3Application {

    @Bean
    Events events() {
      return new Events();
    }
  }
}
