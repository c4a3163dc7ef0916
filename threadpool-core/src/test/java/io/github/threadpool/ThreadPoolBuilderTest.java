package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The builder's validation and defaults, and the {@link ThreadPoolStats} snapshot. */
@Timeout(30)
class ThreadPoolBuilderTest extends PoolTestSupport {

  @Test
  void builder_withNegativeSizes_throwsIaeNamingParameterAndValue() {
    ThreadPool.Builder builder = ThreadPool.builder();

    assertThatThrownBy(() -> builder.workers(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be >= 0, was -3");
    assertThatThrownBy(() -> builder.requestQueueCapacity(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestQueueCapacity must be >= 0, was -1");
    assertThatThrownBy(() -> builder.resultQueueCapacity(-7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resultQueueCapacity must be >= 0, was -7");
    assertThatThrownBy(() -> new ThreadPool(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be >= 0, was -2");
  }

  @Test
  void builder_withNonPositivePollTimeout_throwsIae() {
    ThreadPool.Builder builder = ThreadPool.builder();

    assertThatThrownBy(() -> builder.pollTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollTimeout must be > 0, was PT0S");
    assertThatThrownBy(() -> builder.pollTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollTimeout must be > 0, was PT-1S");
    assertThatThrownBy(() -> builder.pollTimeout(nullOf(Duration.class)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pollTimeout");
  }

  @Test
  void builder_withBadNames_throws() {
    ThreadPool.Builder builder = ThreadPool.builder();

    assertThatThrownBy(() -> builder.name(nullOf(String.class)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> builder.name("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, was '  '");
    assertThatThrownBy(() -> builder.threadNamePrefix(nullOf(String.class)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("threadNamePrefix");
  }

  @Test
  void builder_defaults_areZeroWorkersUnboundedQueuesDaemonThreads() {
    assertThat(ThreadPool.Builder.DEFAULT_POLL_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    assertThat(ThreadPool.Builder.DEFAULT_THREAD_NAME_PREFIX).isEqualTo("threadpool-");

    ThreadPool pool = track(ThreadPool.builder().build());

    ThreadPoolStats stats = pool.stats();
    assertThat(stats.workers()).isZero();
    assertThat(stats.queueCapacity()).isZero();
    assertThat(stats.queueRemaining()).isEqualTo(Integer.MAX_VALUE);
    assertThat(pool.name()).startsWith("pool-");
    assertThat(pool.isShutdown()).isFalse();
  }

  @Test
  void builder_canBeReused_eachBuildMakesANewPool() {
    ThreadPool.Builder builder = ThreadPool.builder().workers(1);

    ThreadPool first = track(builder.build());
    ThreadPool second = track(builder.build());

    assertThat(first).isNotSameAs(second);
    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(second.workerCount()).isEqualTo(1);
  }

  @Test
  void stats_reportsEveryField() {
    ThreadPool pool = track(ThreadPool.builder().workers(1).requestQueueCapacity(10).build());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(() -> 1));
    pool.putRequest(
        WorkRequest.builder(
                () -> {
                  throw new IllegalStateException("counted as failed");
                })
            .exceptionCallback(null)
            .build());
    await().atMost(PATIENCE).until(() -> pool.stats().pendingResults() == 2);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 3)));
    awaitLatch(started);
    pool.createWorkers(1);
    pool.dismissWorkers(1); // the new, idle worker: it exits
    await().atMost(PATIENCE).until(() -> pool.stats().dismissedWorkers() == 0);
    pool.dismissWorkers(1); // the busy one: it stays until its job is done
    pool.putRequest(WorkRequest.of(() -> 4));
    pool.putRequest(WorkRequest.of(() -> 5));
    assertThat(pool.workerCount()).isZero();
    boolean full = false;
    ThreadPool bounded = track(ThreadPool.builder().requestQueueCapacity(1).build());
    bounded.putRequest(WorkRequest.of(() -> 0));
    try {
      bounded.putRequest(WorkRequest.of(() -> 0), false, null);
    } catch (QueueFullException e) {
      full = true;
    }

    ThreadPoolStats stats = pool.stats();

    assertThat(full).isTrue();
    assertThat(stats.workers()).isZero();
    assertThat(stats.busyWorkers()).isEqualTo(1);
    assertThat(stats.dismissedWorkers()).isEqualTo(1);
    assertThat(stats.queueDepth()).isEqualTo(2);
    assertThat(stats.queueCapacity()).isEqualTo(10);
    assertThat(stats.queueRemaining()).isEqualTo(8);
    assertThat(stats.pendingRequests()).isEqualTo(5);
    assertThat(stats.pendingResults()).isEqualTo(2);
    assertThat(stats.completed()).isEqualTo(1);
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.rejected()).isZero();
    assertThat(bounded.stats().rejected()).isEqualTo(1);
    assertThat(bounded.stats().queueRemaining()).isZero();

    release.countDown();
    await().atMost(PATIENCE).until(() -> pool.stats().dismissedWorkers() == 0);
    assertThat(pool.stats().busyWorkers()).isZero();
    assertThat(pool.stats().completed()).isEqualTo(2);
  }

  @SuppressWarnings({"NullAway", "unused"}) // deliberately passes null to check preconditions
  private static <T> T nullOf(Class<T> type) {
    return null;
  }
}
