package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import io.github.threadpool.spring.boot.actuate.ThreadPoolMetrics;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetectors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolTimersTests {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Duration NAP = Duration.ofMillis(50);
  private static final double NAP_MILLIS = NAP.toMillis();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class, ThreadPoolMetricsAutoConfiguration.class))
          .withPropertyValues("threadpool.workers=1", "threadpool.max-workers=6");

  @Test
  void timersWhenARequestWaitsRunsAndWaitsForItsCallbackShouldRecordEachStretch() {
    runner.run(
        context -> {
          MeterRegistry registry = bind(context);
          ThreadPool pool = context.getBean(ThreadPool.class);
          long start = System.nanoTime();
          CountDownLatch blockerStarted = new CountDownLatch(1);
          CountDownLatch requestPut = new CountDownLatch(1);
          // holds the only worker for NAP after the request is queued: the request waits >= NAP
          pool.execute(
              () -> {
                blockerStarted.countDown();
                awaitQuietly(requestPut);
                Pause.pause(NAP);
              });
          assertThat(blockerStarted.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
          pool.putRequest(
              WorkRequest.of(
                  () -> {
                    Pause.pause(NAP); // the request "sleeps": it runs >= NAP
                    return "slept";
                  },
                  (request, result) -> {}));
          requestPut.countDown();
          await().atMost(PATIENCE).until(() -> pool.stats().pendingResults() == 1);
          Pause.pause(NAP); // the result waits >= NAP before the callback
          pool.waitForAll();
          double elapsedMillis = (System.nanoTime() - start) / 1e6;

          Timer waited = timer(registry, "threadpool.requests.wait");
          assertThat(waited.count()).isEqualTo(2); // the blocking task and the request
          assertThat(waited.max(TimeUnit.MILLISECONDS))
              .isGreaterThanOrEqualTo(NAP_MILLIS)
              .isLessThanOrEqualTo(elapsedMillis);
          Timer ran = timer(registry, "threadpool.requests.duration", "outcome", "success");
          assertThat(ran.count()).isEqualTo(2);
          assertThat(ran.totalTime(TimeUnit.MILLISECONDS))
              .isGreaterThanOrEqualTo(2 * NAP_MILLIS)
              .isLessThanOrEqualTo(elapsedMillis);
          Timer resultWait = timer(registry, "threadpool.results.wait");
          assertThat(resultWait.count()).isOne(); // tasks have no callback
          assertThat(resultWait.totalTime(TimeUnit.MILLISECONDS))
              .isGreaterThanOrEqualTo(NAP_MILLIS)
              .isLessThanOrEqualTo(elapsedMillis);
          assertThat(timer(registry, "threadpool.requests.duration", "outcome", "failure").count())
              .isZero();
        });
  }

  @Test
  void durationWhenWorkFailsShouldBeTaggedWithTheFailureOutcome() {
    runner.run(
        context -> {
          MeterRegistry registry = bind(context);
          ThreadPool pool = context.getBean(ThreadPool.class);
          pool.putRequest(WorkRequest.of(() -> "fine", (request, result) -> {}));
          pool.putRequest(
              WorkRequest.builder(
                      () -> {
                        throw new IllegalStateException("failure expected by the test");
                      })
                  .exceptionCallback((request, failure) -> {})
                  .build());
          pool.waitForAll();
          assertThat(pool.submit(() -> 1).get()).isOne();

          // a task's future completes on the worker just before the worker times it
          await()
              .atMost(PATIENCE)
              .until(
                  () ->
                      timer(registry, "threadpool.requests.duration", "outcome", "success").count()
                          == 2);
          assertThat(timer(registry, "threadpool.requests.duration", "outcome", "failure").count())
              .isOne();
          assertThat(timer(registry, "threadpool.results.wait").count()).isEqualTo(2);
        });
  }

  @Test
  void sizeGaugesShouldReadTheConfiguredAndTheLargestSize() {
    runner
        .withPropertyValues("threadpool.workers=2", "threadpool.pools.io.max-workers=3")
        .run(
            context -> {
              MeterRegistry registry = bind(context);
              ThreadPool pool = context.getBean(ThreadPool.class);
              assertThat(gauge(registry, "threadpool.workers.configured", "default")).isEqualTo(2);
              assertThat(gauge(registry, "threadpool.workers.max", "default")).isEqualTo(6);
              assertThat(gauge(registry, "threadpool.workers.max", "io")).isEqualTo(3);

              pool.resize(5);

              assertThat(gauge(registry, "threadpool.workers", "default")).isEqualTo(5);
              assertThat(gauge(registry, "threadpool.workers.configured", "default")).isEqualTo(2);
            });
  }

  @Test
  void poolOfTheApplicationsOwnShouldGetTheLimitButNoTimersAndNoConfiguredSize() {
    runner
        .withBean(
            "reports",
            ThreadPool.class,
            () -> ThreadPool.builder().name("reports").workers(1).build())
        .run(
            context -> {
              MeterRegistry registry = bind(context);
              assertThat(gauge(registry, "threadpool.workers.max", "reports")).isEqualTo(6);
              assertThat(registry.find("threadpool.workers.configured").meters()).isEmpty();
              assertThat(registry.find("threadpool.requests.wait").meters()).isEmpty();
              assertThat(registry.find("threadpool.requests.timeouts").meters()).isEmpty();
            });
  }

  @Test
  void timeoutsCounterWhenARequestRunsTooLongShouldCountByKind() {
    runner
        .withPropertyValues("threadpool.run-timeout=100ms")
        .run(
            context -> {
              MeterRegistry registry = bind(context);
              ThreadPool pool = context.getBean(ThreadPool.class);
              CountDownLatch release = new CountDownLatch(1);
              try {
                pool.execute(() -> awaitQuietly(release));
                await().atMost(PATIENCE).until(() -> timeouts(registry, "run") == 1);
              } finally {
                release.countDown();
              }
              assertThat(timeouts(registry, "queue")).isZero();
            });
  }

  @Test
  void poolWhenMicrometerIsMissingAndNoTimeoutIsSetShouldGetNoObserver() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              assertThat(context.getBean(SlowWorkDetectors.class).find(pool)).isEmpty();
              assertThat(context).doesNotHaveBean(WorkTimersFactory.class);
            });
  }

  private static MeterRegistry bind(AssertableApplicationContext context) {
    MeterRegistry registry = new SimpleMeterRegistry();
    context.getBean(ThreadPoolMetrics.class).bindTo(registry);
    return registry;
  }

  private static Timer timer(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tag("name", "default").tags(tags).timer();
  }

  private static double gauge(MeterRegistry registry, String name, String pool) {
    return registry.get(name).tag("name", pool).gauge().value();
  }

  private static double timeouts(MeterRegistry registry, String kind) {
    return registry
        .get("threadpool.requests.timeouts")
        .tag("name", "default")
        .tag("kind", kind)
        .functionCounter()
        .count();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
