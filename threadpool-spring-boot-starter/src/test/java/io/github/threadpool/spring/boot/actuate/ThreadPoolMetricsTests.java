package io.github.threadpool.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.ThreadPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolMetricsTests {

  @Test
  void gaugesWhenPoolIsDiscardedShouldNotKeepItAlive() {
    MeterRegistry registry = new SimpleMeterRegistry();
    WeakReference<ThreadPool> reference = bindAndDiscard(registry);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              System.gc();
              return reference.get() == null;
            });
    assertThat(registry.get("threadpool.workers").gauge().value()).isNaN();
  }

  @Test
  void closeWhenBoundToSeveralRegistriesShouldRemoveTheMetersFromEach() {
    try (ThreadPool pool = ThreadPool.builder().name("closing").build()) {
      MeterRegistry first = new SimpleMeterRegistry();
      MeterRegistry second = new SimpleMeterRegistry();
      ThreadPoolMetrics metrics = new ThreadPoolMetrics(pool, Tags.of("app", "test"));
      metrics.bindTo(first);
      metrics.bindTo(second);
      assertThat(first.get("threadpool.workers").tags("name", "closing", "app", "test").gauge())
          .isNotNull();
      assertThat(second.getMeters()).hasSize(9);

      metrics.close();

      assertThat(first.getMeters()).isEmpty();
      assertThat(second.getMeters()).isEmpty();
    }
  }

  @Test
  void removeWhenSeveralPoolsAreBoundShouldRemoveOnlyThatPoolsMeters() {
    try (ThreadPool kept = ThreadPool.builder().name("kept").build();
        ThreadPool removed = ThreadPool.builder().name("removed").build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      ThreadPoolMetrics metrics = new ThreadPoolMetrics(() -> Stream.of(kept, removed), List.of());
      metrics.bindTo(registry);
      assertThat(registry.getMeters()).hasSize(18);

      metrics.remove(removed);
      metrics.remove(removed);

      assertThat(registry.getMeters())
          .hasSize(9)
          .allSatisfy(meter -> assertThat(meter.getId().getTag("name")).isEqualTo("kept"));
      metrics.close();
      assertThat(registry.getMeters()).isEmpty();
    }
  }

  @Test
  void metersWhenReadInOneScrapeShouldShareOneSnapshotAndARepeatedMeterShouldTakeANewOne()
      throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (ThreadPool pool =
        ThreadPool.builder().name("scraped").workers(1).requestQueueCapacity(5).build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      // A snapshot that never ages, so that only the rule "a meter that read it takes a new one"
      // decides here, whatever the machine's speed.
      new ThreadPoolMetrics(
              () -> Stream.of(pool),
              List.of(),
              new ThreadPoolMetrics.PoolDetails() {},
              Duration.ofHours(1))
          .bindTo(registry);
      CountDownLatch started = new CountDownLatch(1);
      pool.execute(
          () -> {
            started.countDown();
            awaitQuietly(release);
          });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(gauge(registry, "threadpool.queue.depth")).isZero(); // takes a snapshot
      pool.execute(() -> {});
      pool.execute(() -> {});
      // the rest of the same scrape reads the same snapshot: the two new tasks are not in it
      assertThat(gauge(registry, "threadpool.workers.busy")).isEqualTo(1);
      assertThat(gauge(registry, "threadpool.queue.remaining")).isEqualTo(5);
      // the next scrape reads queue.depth again, which takes a new snapshot for every meter
      assertThat(gauge(registry, "threadpool.queue.depth")).isEqualTo(2);
      assertThat(gauge(registry, "threadpool.queue.remaining")).isEqualTo(3);
    } finally {
      release.countDown();
    }
  }

  @Test
  void metersWhenTheBinderIsDiscardedShouldStillReadTheLivePool() {
    try (ThreadPool pool = ThreadPool.builder().name("kept-alive").workers(3).build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      new ThreadPoolMetrics(pool, List.of()).bindTo(registry);

      System.gc();

      assertThat(gauge(registry, "threadpool.workers")).isEqualTo(3);
    }
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static WeakReference<ThreadPool> bindAndDiscard(MeterRegistry registry) {
    ThreadPool pool = ThreadPool.builder().name("discarded").build();
    new ThreadPoolMetrics(pool, List.of()).bindTo(registry);
    pool.close(); // no workers: terminates at once; only the meters could still reach it
    return new WeakReference<>(pool);
  }
}
