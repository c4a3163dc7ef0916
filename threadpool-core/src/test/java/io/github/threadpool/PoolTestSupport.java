package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared plumbing of the pool tests: every pool made through {@link #track} is stopped and awaited
 * after each test, so that no test leaves threads behind, and a few bounded waits.
 */
abstract class PoolTestSupport {

  /** How long a test waits for something that should happen almost at once. */
  static final Duration PATIENCE = Duration.ofSeconds(10);

  private final List<ThreadPool> pools = new ArrayList<>();

  /** Registers a pool to be stopped after the test and returns it. */
  final ThreadPool track(ThreadPool pool) {
    pools.add(pool);
    return pool;
  }

  final ThreadPool pool(int workers) {
    return track(new ThreadPool(workers));
  }

  @AfterEach
  final void stopPools() throws InterruptedException {
    for (ThreadPool pool : pools) {
      pool.shutdownNow();
    }
    for (ThreadPool pool : pools) {
      assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
          .as("pool %s terminated", pool.name())
          .isTrue();
    }
    pools.clear();
  }

  /** Waits for {@code latch}, failing the test if it does not open within {@link #PATIENCE}. */
  static void awaitLatch(CountDownLatch latch) {
    try {
      assertThat(latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
          .as("latch opened in time")
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a latch", e);
    }
  }

  /**
   * A task that counts {@code started} down, then blocks until {@code release} opens, and returns
   * {@code value}. Used to hold a worker busy for as long as a test needs.
   */
  static <T> java.util.concurrent.Callable<T> blockingTask(
      CountDownLatch started, CountDownLatch release, T value) {
    return () -> {
      started.countDown();
      release.await();
      return value;
    };
  }

  /** Waits until {@code count} of the pool's worker threads are parked, waiting for work. */
  static void awaitParked(ThreadPool pool, int count) {
    String prefix = "threadpool-" + pool.name() + "-";
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(1))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().startsWith(prefix))
                        .filter(thread -> thread.getState() == Thread.State.WAITING)
                        .count()
                    == count);
  }
}
