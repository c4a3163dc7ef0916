package io.github.threadpool.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.github.threadpool.NoWorkersAvailableException;
import io.github.threadpool.WorkRequest;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pollers waiting while members go away, have no workers, or are interrupted: nothing hangs. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HazelcastThreadPoolShutdownTest {

  private final ExecutorService pollers = Executors.newCachedThreadPool();

  @BeforeEach
  void resetLatches() {
    Tasks.Blocking.started = new CountDownLatch(1);
    Tasks.Blocking.release = new CountDownLatch(1);
  }

  @AfterEach
  void stopPollers() throws InterruptedException {
    Tasks.Blocking.release.countDown();
    pollers.shutdownNow();
    assertThat(pollers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void waitForAll_clusterShutsDownWhilePollerWaits_pollerReturnsAndEveryRequestFails() {
    try (TestCluster cluster = TestCluster.start(2)) {
      List<HazelcastThreadPool> pools = new ArrayList<>();
      for (HazelcastInstance member : cluster.members()) {
        pools.add(HazelcastThreadPool.builder(member).name("doomed").workers(2).build());
      }
      HazelcastThreadPool pool = pools.get(0);
      AtomicInteger results = new AtomicInteger();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int i = 0; i < 10; i++) {
        pool.putRequest(
            WorkRequest.builder(new Tasks.Blocking(i))
                .callback((r, id) -> results.incrementAndGet())
                .exceptionCallback((r, exception) -> failures.add(exception))
                .build());
      }
      CompletableFuture<Void> poller = CompletableFuture.runAsync(pool::waitForAll, pollers);
      await().atMost(Duration.ofSeconds(30)).until(() -> Tasks.Blocking.started.getCount() == 0);

      for (HazelcastInstance member : cluster.members()) {
        member.shutdown();
      }

      assertThat(poller).succeedsWithin(Duration.ofSeconds(30));
      assertThat(results.get() + failures.size()).isEqualTo(10);
      assertThat(failures).isNotEmpty();
      assertThat(pool.pendingRequestCount()).isZero();
      assertThatThrownBy(() -> pool.putRequest(WorkRequest.of(new Tasks.WhereAmI(1))))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("is not running");
      pools.forEach(HazelcastThreadPool::close);
    }
  }

  /**
   * An outcome that arrives as this member stops is queued by the thread that recorded it, which
   * needs the pool's result lock. A poller that finds the member stopped and nothing queued must
   * wait for it with the lock released; looping with the lock held shuts that thread out for good,
   * and the poller never returns. The test holds the lock so that the poller, queued first, gets it
   * right after the outcome was recorded and the member stopped; under load this happened by chance
   * during the cluster's shutdown.
   */
  @Test
  void waitForAll_outcomeRecordedAsMemberStops_pollerWaitsForItToBeQueued() throws Exception {
    try (TestCluster cluster = TestCluster.start(1)) {
      HazelcastInstance member = cluster.member(0);
      HazelcastThreadPool pool =
          HazelcastThreadPool.builder(member).name("handover").workers(1).build();
      AtomicInteger delivered = new AtomicInteger();
      pool.putRequest(
          WorkRequest.of(new Tasks.Blocking(1), (r, id) -> delivered.incrementAndGet()));
      await().atMost(Duration.ofSeconds(30)).until(() -> Tasks.Blocking.started.getCount() == 0);
      ReentrantLock resultLock = resultLock(pool);
      AtomicReference<Thread> pollerThread = new AtomicReference<>();
      CompletableFuture<Void> poller;

      resultLock.lock();
      try {
        poller =
            CompletableFuture.runAsync(
                () -> {
                  pollerThread.set(Thread.currentThread());
                  pool.waitForAll();
                },
                pollers);
        // the poller queues for the lock, on entry or when its timed wait ends
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> pollerThread.get() != null && resultLock.hasQueuedThread(pollerThread.get()));
        Tasks.Blocking.release.countDown();
        // the task's outcome is recorded, and the thread that did it queues behind the poller
        await().atMost(Duration.ofSeconds(30)).until(() -> resultLock.getQueueLength() == 2);
        member.getLifecycleService().terminate();
      } finally {
        resultLock.unlock();
      }

      assertThat(poller).succeedsWithin(Duration.ofSeconds(30));
      assertThat(delivered).hasValue(1);
      assertThat(pool.pendingRequestCount()).isZero();
      pool.close();
    }
  }

  @Test
  void poll_loneMemberWithoutWorkers_throwsNoWorkersAvailableUntilResized() {
    try (TestCluster cluster = TestCluster.start(1);
        HazelcastThreadPool pool =
            HazelcastThreadPool.builder(cluster.member(0))
                .name("idle")
                .workers(0)
                .maxWorkers(2)
                .build()) {
      AtomicInteger delivered = new AtomicInteger();
      pool.putRequest(WorkRequest.of(new Tasks.WhereAmI(1), (r, m) -> delivered.incrementAndGet()));

      assertThatThrownBy(() -> pool.poll(true))
          .isInstanceOf(NoWorkersAvailableException.class)
          .hasMessageContaining("pool 'idle'");
      assertThat(pool.pendingRequestCount()).isEqualTo(1);

      pool.resize(1);
      pool.waitForAll();
      assertThat(delivered).hasValue(1);
    }
  }

  @Test
  void poll_pollerInterrupted_throwsCancellationKeepsFlagAndLosesNothing() throws Exception {
    try (TestCluster cluster = TestCluster.start(1);
        HazelcastThreadPool pool =
            HazelcastThreadPool.builder(cluster.member(0)).name("interrupted").workers(1).build()) {
      AtomicInteger delivered = new AtomicInteger();
      pool.putRequest(
          WorkRequest.of(new Tasks.Blocking(1), (r, id) -> delivered.incrementAndGet()));
      AtomicReference<Thread> pollerThread = new AtomicReference<>();
      AtomicBoolean flagKept = new AtomicBoolean();
      CompletableFuture<Void> poller =
          CompletableFuture.runAsync(
              () -> {
                pollerThread.set(Thread.currentThread());
                try {
                  pool.poll(true);
                } finally {
                  flagKept.set(Thread.currentThread().isInterrupted());
                }
              },
              pollers);
      await().atMost(Duration.ofSeconds(30)).until(() -> Tasks.Blocking.started.getCount() == 0);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pollerThread.get() != null && isWaiting(pollerThread.get()));

      java.util.Objects.requireNonNull(pollerThread.get()).interrupt();

      assertThat(poller)
          .failsWithin(Duration.ofSeconds(30))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(CancellationException.class);
      assertThat(flagKept).isTrue();
      assertThat(pool.pendingRequestCount()).isEqualTo(1);
      Tasks.Blocking.release.countDown();
      pool.waitForAll();
      assertThat(delivered).hasValue(1);
    }
  }

  @Test
  void close_requestsInFlight_waitsForTheirOutcomesWhichStayPollable() {
    try (TestCluster cluster = TestCluster.start(1)) {
      HazelcastThreadPool pool =
          HazelcastThreadPool.builder(cluster.member(0)).name("closing").workers(1).build();
      AtomicInteger delivered = new AtomicInteger();
      pool.putRequest(
          WorkRequest.of(new Tasks.Blocking(1), (r, id) -> delivered.incrementAndGet()));
      await().atMost(Duration.ofSeconds(30)).until(() -> Tasks.Blocking.started.getCount() == 0);

      CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close, pollers);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> pool.putRequest(WorkRequest.of(new Tasks.WhereAmI(2))))
                      .isInstanceOf(RejectedExecutionException.class));
      assertThat(closing).isNotDone();

      Tasks.Blocking.release.countDown();

      assertThat(closing).succeedsWithin(Duration.ofSeconds(30));
      assertThat(delivered).hasValue(0);
      pool.waitForAll();
      assertThat(delivered).hasValue(1);
    }
  }

  /** The lock under which the pool queues outcomes and its pollers wait for them. */
  private static ReentrantLock resultLock(HazelcastThreadPool pool)
      throws ReflectiveOperationException {
    Field field = HazelcastThreadPool.class.getDeclaredField("resultLock");
    field.setAccessible(true);
    return (ReentrantLock) field.get(pool);
  }

  private static boolean isWaiting(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }
}
