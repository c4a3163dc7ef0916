package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.QueueFullException;
import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import io.github.threadpool.spring.boot.actuate.ThreadPoolMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolMetricsAutoConfigurationTests {

  static final List<String> METER_NAMES =
      List.of(
          "threadpool.workers",
          "threadpool.workers.busy",
          "threadpool.workers.dismissed",
          "threadpool.queue.depth",
          "threadpool.queue.remaining",
          "threadpool.results.pending",
          "threadpool.requests.completed",
          "threadpool.requests.failed",
          "threadpool.requests.rejected",
          "threadpool.workers.configured",
          "threadpool.workers.max",
          "threadpool.requests.timeouts",
          "threadpool.requests.timeouts",
          "threadpool.requests.wait",
          "threadpool.requests.duration",
          "threadpool.requests.duration",
          "threadpool.results.wait");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class, ThreadPoolMetricsAutoConfiguration.class));

  @Test
  void metersWhenBoundShouldBeExactlyTheDocumentedOnesWithNameTagDescriptionAndUnit() {
    runner.run(
        context -> {
          MeterRegistry registry = new SimpleMeterRegistry();
          context.getBean(ThreadPoolMetrics.class).bindTo(registry);

          List<Meter> meters = threadPoolMeters(registry);
          assertThat(meters)
              .extracting(meter -> meter.getId().getName())
              .containsExactlyInAnyOrderElementsOf(METER_NAMES);
          assertThat(meters)
              .allSatisfy(
                  meter -> {
                    assertThat(meter.getId().getTag("name")).isEqualTo("default");
                    assertThat(meter.getId().getDescription()).isNotBlank();
                    assertThat(meter.getId().getBaseUnit()).isNotBlank();
                  });
          assertThat(meters)
              .filteredOn(meter -> meter instanceof FunctionCounter)
              .extracting(meter -> meter.getId().getName())
              .containsExactlyInAnyOrder(
                  "threadpool.requests.completed",
                  "threadpool.requests.failed",
                  "threadpool.requests.rejected",
                  "threadpool.requests.timeouts",
                  "threadpool.requests.timeouts");
          assertThat(meters)
              .filteredOn(meter -> meter instanceof Gauge)
              .extracting(meter -> meter.getId().getName())
              .containsExactlyInAnyOrder(
                  "threadpool.workers",
                  "threadpool.workers.busy",
                  "threadpool.workers.dismissed",
                  "threadpool.workers.configured",
                  "threadpool.workers.max",
                  "threadpool.queue.depth",
                  "threadpool.queue.remaining",
                  "threadpool.results.pending");
          assertThat(meters)
              .filteredOn(meter -> meter instanceof Timer)
              .extracting(meter -> meter.getId().getName())
              .containsExactlyInAnyOrder(
                  "threadpool.requests.wait",
                  "threadpool.requests.duration",
                  "threadpool.requests.duration",
                  "threadpool.results.wait");
          assertThat(registry.find("threadpool.requests.timeouts").meters())
              .extracting(meter -> meter.getId().getTag("kind"))
              .containsExactlyInAnyOrder("queue", "run");
          assertThat(registry.find("threadpool.requests.duration").meters())
              .extracting(meter -> meter.getId().getTag("outcome"))
              .containsExactlyInAnyOrder("success", "failure");
        });
  }

  @Test
  void metersWhenPoolWorksShouldReportItsSizesAndCounts() {
    runner
        .withPropertyValues("threadpool.workers=2", "threadpool.request-queue-capacity=3")
        .run(
            context -> {
              MeterRegistry registry = new SimpleMeterRegistry();
              context.getBean(ThreadPoolMetrics.class).bindTo(registry);
              ThreadPool pool = context.getBean(ThreadPool.class);

              assertThat(gauge(registry, "threadpool.workers")).isEqualTo(2);
              assertThat(gauge(registry, "threadpool.queue.remaining")).isEqualTo(3);

              pool.putRequest(WorkRequest.of(() -> "ok"));
              pool.putRequest(
                  WorkRequest.of(
                      () -> {
                        throw new IllegalStateException("expected by the test");
                      },
                      (request, result) -> {}));
              await()
                  .atMost(Duration.ofSeconds(5))
                  .until(() -> gauge(registry, "threadpool.results.pending") == 2);
              assertThat(counter(registry, "threadpool.requests.completed")).isEqualTo(1);
              assertThat(counter(registry, "threadpool.requests.failed")).isEqualTo(1);
              pool.waitForAll();

              CountDownLatch release = new CountDownLatch(1);
              CountDownLatch started = new CountDownLatch(2);
              for (int i = 0; i < 2; i++) {
                pool.execute(
                    () -> {
                      started.countDown();
                      awaitQuietly(release);
                    });
              }
              assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
              for (int i = 0; i < 3; i++) {
                pool.execute(() -> {});
              }
              try {
                pool.putRequest(WorkRequest.of(() -> "refused"), false, null);
              } catch (QueueFullException expected) {
                // counted as rejected
              }
              // A meter may read a snapshot another meter took up to 100 ms before; the second
              // read of a meter takes a new one.
              await()
                  .atMost(Duration.ofSeconds(5))
                  .untilAsserted(
                      () -> {
                        assertThat(gauge(registry, "threadpool.workers.busy")).isEqualTo(2);
                        assertThat(gauge(registry, "threadpool.queue.depth")).isEqualTo(3);
                        assertThat(gauge(registry, "threadpool.queue.remaining")).isZero();
                        assertThat(counter(registry, "threadpool.requests.rejected")).isEqualTo(1);
                      });

              pool.dismissWorkers(1);
              await()
                  .atMost(Duration.ofSeconds(5))
                  .untilAsserted(
                      () -> {
                        assertThat(gauge(registry, "threadpool.workers")).isEqualTo(1);
                        assertThat(gauge(registry, "threadpool.workers.dismissed")).isEqualTo(1);
                      });
              release.countDown();
              await()
                  .atMost(Duration.ofSeconds(5))
                  .until(
                      () ->
                          counter(registry, "threadpool.requests.completed") == 6
                              && gauge(registry, "threadpool.workers.dismissed") == 0);
            });
  }

  @Test
  void metersWhenContextClosesShouldBeRemovedFromTheRegistry() {
    MeterRegistry registry = new SimpleMeterRegistry();
    runner.run(
        context -> {
          context.getBean(ThreadPoolMetrics.class).bindTo(registry);
          assertThat(threadPoolMeters(registry)).hasSize(METER_NAMES.size());
        });

    assertThat(threadPoolMeters(registry)).isEmpty();
  }

  @Test
  void metricsWhenUserPoolIsDefinedShouldTagItWithItsName() {
    runner
        .withBean(
            "reports",
            ThreadPool.class,
            () -> ThreadPool.builder().name("reports").workers(1).build())
        .run(
            context -> {
              MeterRegistry registry = new SimpleMeterRegistry();
              context.getBean(ThreadPoolMetrics.class).bindTo(registry);
              assertThat(registry.get("threadpool.workers").tag("name", "reports").gauge().value())
                  .isEqualTo(1);
            });
  }

  @Test
  void metricsWhenMicrometerIsMissingShouldBackOffAndKeepThePool() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(ThreadPool.class)
                    .doesNotHaveBean(ThreadPoolMetrics.class));
  }

  @Test
  void metricsWhenUserDefinesTheBinderShouldBackOff() {
    ThreadPoolMetrics own = new ThreadPoolMetrics(java.util.stream.Stream::empty, List.of());
    runner
        .withBean(ThreadPoolMetrics.class, () -> own)
        .run(context -> assertThat(context.getBean(ThreadPoolMetrics.class)).isSameAs(own));
  }

  static List<Meter> threadPoolMeters(MeterRegistry registry) {
    return registry.getMeters().stream()
        .filter(meter -> meter.getId().getName().startsWith("threadpool."))
        .toList();
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).tag("name", "default").gauge().value();
  }

  private static double counter(MeterRegistry registry, String name) {
    return registry.get(name).tag("name", "default").functionCounter().count();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
