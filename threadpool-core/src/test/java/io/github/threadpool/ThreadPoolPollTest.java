package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC 2, behaviours 3 and 4: poll, waitForAll, and when they throw or return. */
@Timeout(30)
class ThreadPoolPollTest extends PoolTestSupport {

  @Test
  void poll_whenNothingPending_throwsNoResultsPending() {
    ThreadPool pool = pool(1);

    assertThatThrownBy(() -> pool.poll(false))
        .isInstanceOf(NoResultsPendingException.class)
        .hasMessageContaining(pool.name());
    assertThatThrownBy(() -> pool.poll(true)).isInstanceOf(NoResultsPendingException.class);
  }

  @Test
  void pollFalse_deliversAvailableResultsAndReturnsWhileOthersPending() {
    ThreadPool pool = pool(2);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> delivered = new ArrayList<>();
    pool.putRequest(
        WorkRequest.of(blockingTask(started, release, "slow"), (r, v) -> delivered.add(v)));
    awaitLatch(started);
    pool.putRequest(WorkRequest.of(() -> "fast", (r, v) -> delivered.add(v)));
    await().atMost(PATIENCE).until(() -> pool.stats().pendingResults() == 1);

    pool.poll(false); // returns normally: "slow" is still pending

    assertThat(delivered).containsExactly("fast");
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    pool.poll(false); // nothing available, something pending: returns without waiting
    assertThat(delivered).containsExactly("fast");

    release.countDown();
    await().atMost(PATIENCE).until(() -> pool.stats().pendingResults() == 1);
    assertThatThrownBy(() -> pool.poll(false)).isInstanceOf(NoResultsPendingException.class);
    assertThat(delivered).containsExactly("fast", "slow");
  }

  @Test
  void pollTrue_deliversEverythingThenThrowsNoResultsPending() {
    ThreadPool pool = pool(2);
    List<Integer> delivered = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int value = i;
      pool.putRequest(WorkRequest.of(() -> value, (r, v) -> delivered.add(v)));
    }

    assertThatThrownBy(() -> pool.poll(true)).isInstanceOf(NoResultsPendingException.class);

    assertThat(delivered).hasSize(20);
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void waitForAll_onIdlePool_returnsAtOnce() {
    ThreadPool pool = pool(0);

    pool.waitForAll();

    assertThat(pool.waitForAll(Duration.ZERO)).isTrue();
  }

  @Test
  void waitForAllWithTimeout_returnsFalseWhenTimeoutElapses() {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean delivered = new AtomicBoolean();
    pool.putRequest(
        WorkRequest.of(blockingTask(started, release, 1), (r, v) -> delivered.set(true)));

    assertThat(pool.waitForAll(Duration.ofMillis(20))).isFalse();
    assertThat(delivered).isFalse();

    release.countDown();
    assertThat(pool.waitForAll(PATIENCE)).isTrue();
    assertThat(delivered).isTrue();
  }

  @Test
  void waitForAllWithTimeout_rejectsBadTimeouts() {
    ThreadPool pool = pool(0);

    assertThatThrownBy(() -> pool.waitForAll(nullDuration()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> pool.waitForAll(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be >= 0, was PT-0.001S");
  }

  @Test
  void pollTrue_withoutWorkers_throwsNoWorkersAvailableAndKeepsRequests() {
    ThreadPool pool = pool(0);
    List<Integer> delivered = new ArrayList<>();
    pool.putRequest(WorkRequest.of(() -> 1, (r, v) -> delivered.add(v)));

    assertThatThrownBy(() -> pool.poll(true))
        .isInstanceOf(NoWorkersAvailableException.class)
        .hasMessageContaining(pool.name())
        .hasMessageContaining("1 pending");
    assertThatThrownBy(pool::waitForAll).isInstanceOf(NoWorkersAvailableException.class);
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    pool.poll(false); // not blocking: no NoWorkersAvailableException

    pool.createWorkers(1); // the pool stays usable: new workers deliver what is pending
    pool.waitForAll();
    assertThat(delivered).containsExactly(1);
  }

  @Test
  void pollTrue_deliversFinishedResultsBeforeThrowingNoWorkersAvailable() {
    ThreadPool pool = pool(1);
    List<Integer> delivered = new ArrayList<>();
    pool.putRequest(WorkRequest.of(() -> 1, (r, v) -> delivered.add(v)));
    pool.putRequest(WorkRequest.of(() -> 2, (r, v) -> delivered.add(v)));
    await().atMost(PATIENCE).until(() -> pool.stats().pendingResults() == 2);
    pool.dismissWorkers(1, true);
    pool.putRequest(WorkRequest.of(() -> 3, (r, v) -> delivered.add(v)));

    assertThatThrownBy(() -> pool.poll(true)).isInstanceOf(NoWorkersAvailableException.class);

    assertThat(delivered).containsExactly(1, 2);
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
  }

  @Test
  void pollTrue_waitsForDismissedWorkerStillRunningAJob() {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> delivered = new AtomicReference<>();
    pool.putRequest(
        WorkRequest.of(blockingTask(started, release, "done"), (r, v) -> delivered.set(v)));
    awaitLatch(started);
    pool.dismissWorkers(1);
    assertThat(pool.workerCount()).isZero();
    assertThat(pool.stats().dismissedWorkers()).isEqualTo(1);

    // the dismissed worker still counts: a zero-length wait times out rather than giving up
    assertThat(pool.waitForAll(Duration.ZERO)).isFalse();
    CompletableFuture<Void> waiter = CompletableFuture.runAsync(pool::waitForAll, newThread());
    release.countDown();

    assertThat(waiter).succeedsWithin(PATIENCE);
    assertThat(delivered.get()).isEqualTo("done");
  }

  @Test
  void pollTrue_whenLastWorkerIsDismissedWhileBlocking_wakesAndThrows() throws Exception {
    // a poll timeout far beyond the test's timeout: only a wake-up can end the wait in time
    ThreadPool pool =
        track(ThreadPool.builder().workers(1).pollTimeout(Duration.ofHours(1)).build());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 0)));
    pool.putRequest(WorkRequest.of(() -> 1)); // stays queued behind the blocked one
    awaitLatch(started);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch pollerDone = new CountDownLatch(1);
    Thread poller =
        new Thread(
            () -> {
              try {
                pool.poll(true);
              } catch (RuntimeException e) {
                thrown.set(e);
              } finally {
                pollerDone.countDown();
              }
            });
    poller.start();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                poller.getState() == Thread.State.WAITING
                    || poller.getState() == Thread.State.TIMED_WAITING);

    pool.dismissWorkers(1); // the worker finishes the blocked job and exits
    release.countDown();

    awaitLatch(pollerDone);
    assertThat(thrown.get()).isInstanceOf(NoWorkersAvailableException.class);
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
  }

  @Test
  void pollTrue_whenInterrupted_throwsCancellationAndKeepsInterruptFlag() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1)));
    awaitLatch(started);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread poller =
        new Thread(
            () -> {
              try {
                pool.poll(true);
              } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    poller.start();
    await().atMost(PATIENCE).until(() -> poller.getState() == Thread.State.TIMED_WAITING);

    poller.interrupt();
    poller.join(PATIENCE.toMillis());

    assertThat(poller.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("interrupt flag is kept");
    assertThat(flagKept).isTrue();
    // no bookkeeping lost: the request is still pending and delivered later
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    release.countDown();
    pool.waitForAll();
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void waitForAll_whenInterrupted_endsPromptlyWithFlagKept() throws Exception {
    ThreadPool pool =
        track(ThreadPool.builder().workers(1).pollTimeout(Duration.ofHours(1)).build());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1)));
    awaitLatch(started);
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                pool.waitForAll();
                flag.completeExceptionally(new AssertionError("returned normally"));
              } catch (CancellationException e) {
                flag.complete(Thread.currentThread().isInterrupted());
              }
            });
    waiter.start();
    await().atMost(PATIENCE).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

    waiter.interrupt();

    assertThat(flag.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    release.countDown();
  }

  @Test
  void waitForAll_whenAlreadyInterrupted_deliversAvailableResultsThenThrows() {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> delivered = new ArrayList<>();
    pool.putRequest(WorkRequest.of(() -> 1, (r, v) -> delivered.add(v)));
    await().atMost(PATIENCE).until(() -> pool.stats().pendingResults() == 1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 2), (r, v) -> delivered.add(v)));
    awaitLatch(started);

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(pool::waitForAll).isInstanceOf(CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(delivered).containsExactly(1);
    release.countDown();
    pool.waitForAll();
    assertThat(delivered).containsExactly(1, 2);
  }

  @Test
  void poll_fromSeveralThreads_deliversEachResultOnce() throws Exception {
    ThreadPool pool = pool(3);
    int requests = 5_000;
    java.util.concurrent.atomic.AtomicIntegerArray calls =
        new java.util.concurrent.atomic.AtomicIntegerArray(requests);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> pollers = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      pollers.add(
          CompletableFuture.runAsync(
              () -> {
                awaitLatch(go);
                while (pool.pendingRequestCount() > 0) {
                  try {
                    pool.poll(true);
                  } catch (NoResultsPendingException e) {
                    // another poller took the last one
                  }
                }
              },
              newThread()));
    }
    for (int i = 0; i < requests; i++) {
      int index = i;
      pool.putRequest(WorkRequest.of(() -> index, (r, v) -> calls.incrementAndGet(v)));
    }
    go.countDown();

    for (CompletableFuture<Void> poller : pollers) {
      try {
        poller.get(PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError(e.getCause());
      }
    }
    for (int i = 0; i < requests; i++) {
      assertThat(calls.get(i)).as("calls of request %d", i).isEqualTo(1);
    }
  }

  private static java.util.concurrent.Executor newThread() {
    return command -> new Thread(command).start();
  }

  @SuppressWarnings("NullAway") // deliberately passes null to check the precondition
  private static Duration nullDuration() {
    return null;
  }
}
