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

  private static WeakReference<ThreadPool> bindAndDiscard(MeterRegistry registry) {
    ThreadPool pool = ThreadPool.builder().name("discarded").build();
    new ThreadPoolMetrics(pool, List.of()).bindTo(registry);
    pool.close(); // no workers: terminates at once; only the meters could still reach it
    return new WeakReference<>(pool);
  }
}
