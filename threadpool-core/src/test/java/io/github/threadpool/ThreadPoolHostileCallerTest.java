package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool's promises against callers that do what the contract allows but a naive pool does not
 * expect: tasks, callbacks and listeners that call back into the pool, throw where nobody looks, or
 * block; ids whose own methods fail; interrupted callers. Each test is one scenario that once broke
 * a promise.
 */
@Timeout(60)
class ThreadPoolHostileCallerTest extends PoolTestSupport {

  // 1. A job that shuts down, shrinks or closes its own pool is never interrupted.

  @Test
  void jobCallingShutdownDismissResizeOrClose_onItsOwnPool_isNotInterrupted() throws Exception {
    List<String> interrupted = new CopyOnWriteArrayList<>();
    for (String call : List.of("shutdown", "dismissWorkers", "resize", "close")) {
      ThreadPool pool = pool(1);
      CountDownLatch done = new CountDownLatch(1);
      pool.execute(
          () -> {
            try {
              switch (call) {
                case "shutdown" -> pool.shutdown();
                case "dismissWorkers" -> pool.dismissWorkers(1);
                case "resize" -> pool.resize(0);
                default -> {
                  try {
                    pool.close();
                  } catch (IllegalStateException cannotWaitForItself) {
                    // said so; checked in the next test
                  }
                }
              }
              if (Thread.currentThread().isInterrupted()) {
                interrupted.add(call);
              }
            } finally {
              done.countDown();
            }
          });
      awaitLatch(done);
    }
    assertThat(interrupted).isEmpty();
  }

  @Test
  void close_calledByAJobWhileRequestsAreQueued_saysSoAndLosesNothing() throws Exception {
    ThreadPool pool = pool(2);
    CountDownLatch blockerStarted = new CountDownLatch(1);
    CountDownLatch releaseBlocker = new CountDownLatch(1);
    CountDownLatch closerStarted = new CountDownLatch(1);
    CountDownLatch closeNow = new CountDownLatch(1);
    AtomicReference<Throwable> closeOutcome = new AtomicReference<>();
    AtomicBoolean closerInterrupted = new AtomicBoolean();
    List<Object> delivered = new CopyOnWriteArrayList<>();

    pool.putRequest(WorkRequest.of(blockingTask(blockerStarted, releaseBlocker, "blocker")));
    pool.execute(
        () -> {
          closerStarted.countDown();
          awaitLatch(closeNow);
          try {
            pool.close();
          } catch (Throwable t) {
            closeOutcome.set(t);
          }
          closerInterrupted.set(Thread.currentThread().isInterrupted());
        });
    awaitLatch(blockerStarted);
    awaitLatch(closerStarted);
    for (int i = 0; i < 3; i++) {
      pool.putRequest(WorkRequest.of(() -> "queued", (r, v) -> delivered.add(v)));
    }
    closeNow.countDown();
    await().atMost(PATIENCE).until(() -> closeOutcome.get() != null);
    releaseBlocker.countDown();
    pool.waitForAll();

    assertThat(closeOutcome.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot wait");
    assertThat(closerInterrupted).isFalse();
    assertThat(delivered).containsExactly("queued", "queued", "queued");
    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  // 2. Dismissal never reorders queued work.

  @Test
  void dismissWorkers_rightAfterExecute_neverMakesOneWorkerRunTheLaterJobFirst() {
    for (int trial = 0; trial < 300; trial++) {
      ThreadPool pool = pool(2);
      awaitParked(pool, 2);
      List<String> starts = new CopyOnWriteArrayList<>();
      CountDownLatch bothRan = new CountDownLatch(2);
      pool.execute(record("J1", starts, bothRan));
      pool.execute(record("J2", starts, bothRan));
      pool.dismissWorkers(1);
      awaitLatch(bothRan);
      String j1Thread = threadOf(starts, "J1");
      String j2Thread = threadOf(starts, "J2");
      if (j1Thread.equals(j2Thread)) {
        assertThat(starts).as("trial %d", trial).startsWith("J1@" + j1Thread);
      }
      pool.shutdownNow();
    }
  }

  private static Runnable record(String job, List<String> starts, CountDownLatch ran) {
    return () -> {
      starts.add(job + "@" + Thread.currentThread().getName());
      ran.countDown();
    };
  }

  private static String threadOf(List<String> starts, String job) {
    return starts.stream()
        .filter(start -> start.startsWith(job + "@"))
        .findFirst()
        .orElseThrow()
        .substring(job.length() + 1);
  }

  // 3. An interrupted caller is accepted when there is room.

  @Test
  void puts_byAnInterruptedCallerWithRoom_areAcceptedAndKeepTheFlag() throws Exception {
    ThreadPool pool = pool(1);
    List<Callable<String>> tasks = List.of(() -> "a", () -> "b");
    Thread.currentThread().interrupt();
    try {
      pool.execute(() -> {});
      pool.putRequest(WorkRequest.of(() -> "request"));
      Future<String> submitted = pool.submit(() -> "submitted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(submitted).isNotNull();
    } finally {
      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    }
    assertThat(pool.invokeAll(tasks)).hasSize(2);
    assertThat(pool.stats().rejected()).isZero();
  }

  // 4. Joining dismissed workers while the bounded result queue is full does not hang.

  @Test
  void dismissWorkersWithJoin_whenResultQueueIsFullAndTheJoinerPolls_returns() throws Exception {
    ThreadPool pool = track(ThreadPool.builder().workers(2).resultQueueCapacity(1).build());
    fillResultQueueAndBlockWorkers(pool, 1);

    CompletableFuture<Void> join =
        CompletableFuture.runAsync(
            () -> pool.dismissWorkers(2, true), command -> new Thread(command).start());

    assertThat(join).succeedsWithin(PATIENCE);
    pool.waitForAll();
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void joinAllDismissedWorkers_fromACallbackWhileResultQueueIsFull_returns() {
    ThreadPool pool = track(ThreadPool.builder().workers(2).resultQueueCapacity(1).build());
    AtomicBoolean joined = new AtomicBoolean();
    pool.putRequest(
        WorkRequest.of(
            () -> "first",
            (request, value) -> {
              pool.joinAllDismissedWorkers();
              joined.set(true);
            }));
    fillResultQueueAndBlockWorkers(pool, 2);
    pool.dismissWorkers(2);

    CompletableFuture<Void> poller =
        CompletableFuture.runAsync(pool::waitForAll, command -> new Thread(command).start());

    assertThat(poller).succeedsWithin(PATIENCE);
    assertThat(joined).isTrue();
  }

  /** Fills the result queue and waits until {@code busy} workers wait for room in it. */
  private static void fillResultQueueAndBlockWorkers(ThreadPool pool, int busy) {
    pool.putRequest(WorkRequest.of(() -> "fills the queue"));
    pool.putRequest(WorkRequest.of(() -> "waits for room"));
    await()
        .atMost(PATIENCE)
        .until(() -> pool.stats().pendingResults() >= 1 && pool.stats().busyWorkers() == busy);
  }

  // 5. Two jobs that each dismiss and join do not deadlock.

  @Test
  void dismissWorkersWithJoin_fromTwoJobs_isRefusedInsteadOfDeadlocking() throws Exception {
    ThreadPool pool = pool(2);
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    List<Throwable> outcomes = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      pool.execute(
          () -> {
            try {
              bothRunning.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
              pool.dismissWorkers(1, true);
            } catch (Throwable t) {
              outcomes.add(t);
            } finally {
              done.countDown();
            }
          });
    }
    awaitLatch(done);

    assertThat(outcomes)
        .hasSize(2)
        .allSatisfy(
            t ->
                assertThat(t)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot wait for other workers"));
    assertThat(pool.workerCount()).as("nothing dismissed").isEqualTo(2);
  }

  // 6. Ids whose own methods fail do not corrupt the accounting.

  @Test
  void requestIdThatThrowsAfterThePut_isStillDeliveredAndNothingStaysPending() {
    ThreadPool pool = pool(1);
    HostileId id = new HostileId();
    List<Object> delivered = new CopyOnWriteArrayList<>();
    pool.putRequest(
        WorkRequest.builder(() -> "value")
            .requestId(id)
            .callback((r, v) -> delivered.add(v))
            .build());
    pool.putRequest(WorkRequest.of(() -> "other", (r, v) -> delivered.add(v)));
    id.hostile = true;

    CompletableFuture<Void> waiter =
        CompletableFuture.runAsync(pool::waitForAll, command -> new Thread(command).start());

    assertThat(waiter).succeedsWithin(PATIENCE);
    assertThat(delivered).containsExactlyInAnyOrder("value", "other");
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void shutdownNow_withRequestIdsThatThrow_handsBackEveryRequestAndTerminates() throws Exception {
    ThreadPool pool = pool(0);
    List<HostileId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      HostileId id = new HostileId();
      ids.add(id);
      pool.putRequest(WorkRequest.builder(() -> "value").requestId(id).build());
    }
    ids.forEach(id -> id.hostile = true);

    assertThat(pool.shutdownNow()).hasSize(5);
    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void putRequest_whoseIdThrowsAtOnce_propagatesAndLeavesNoTrace() {
    ThreadPool pool = pool(1);
    HostileId id = new HostileId();
    id.hostile = true;
    WorkRequest<String> request = WorkRequest.builder(() -> "value").requestId(id).build();

    assertThatThrownBy(() -> pool.putRequest(request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("hostile id");
    assertThat(pool.pendingRequestCount()).isZero();
    id.hostile = false;
    pool.putRequest(request); // left no trace: may be put again
    pool.waitForAll();
  }

  /** An id whose hashCode and equals throw once {@code hostile} is set. */
  private static final class HostileId {
    volatile boolean hostile;

    @Override
    public int hashCode() {
      if (hostile) {
        throw new IllegalStateException("hostile id");
      }
      return 42;
    }

    @Override
    public boolean equals(Object other) {
      if (hostile) {
        throw new IllegalStateException("hostile id");
      }
      return other == this;
    }

    @Override
    public String toString() {
      throw new IllegalStateException("hostile toString");
    }
  }

  // 7. A task whose failure cannot be reported does not kill its worker.

  @Test
  void task_whoseExceptionCannotBePrinted_isCountedAndTheWorkerGoesOn() throws Exception {
    ThreadPool pool = pool(1);
    pool.execute(
        () -> {
          throw new UnprintableException();
        });
    assertThat(pool.submit(() -> "after").get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
        .isEqualTo("after");
    assertThat(pool.workerCount()).isEqualTo(1);
    assertThat(pool.stats().failed()).isEqualTo(1);
  }

  @Test
  void task_whoseUncaughtExceptionHandlerThrows_isCountedAndTheWorkerGoesOn() throws Exception {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          throw new IllegalStateException("handler failed");
        });
    try {
      ThreadPool pool = pool(1);
      pool.execute(
          () -> {
            throw new IllegalArgumentException("task failed");
          });
      assertThat(pool.submit(() -> "after").get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
          .isEqualTo("after");
      assertThat(pool.workerCount()).isEqualTo(1);
      assertThat(pool.stats().failed()).isEqualTo(1);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  private static final class UnprintableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message");
    }
  }

  // 8. Timed invokeAll and invokeAny honour the timeout while the request queue is full.

  @Test
  void timedInvokeAllAndInvokeAny_whileTheQueueIsFull_returnByTheTimeout() throws Exception {
    ThreadPool pool = track(ThreadPool.builder().workers(1).requestQueueCapacity(1).build());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(
        () -> {
          started.countDown();
          awaitLatch(release);
        });
    awaitLatch(started);
    pool.execute(() -> {}); // fills the queue
    try {
      CompletableFuture<List<Future<String>>> all =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return pool.invokeAll(List.of(() -> "x"), 50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              command -> new Thread(command).start());
      assertThat(all).succeedsWithin(PATIENCE);
      assertThat(all.get()).singleElement().satisfies(f -> assertThat(f.isCancelled()).isTrue());

      CompletableFuture<Throwable> any =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  pool.invokeAny(List.of(() -> "x"), 50, TimeUnit.MILLISECONDS);
                  return null;
                } catch (Exception e) {
                  return e;
                }
              },
              command -> new Thread(command).start());
      assertThat(any).succeedsWithin(PATIENCE);
      assertThat(any.get()).isInstanceOf(TimeoutException.class);
    } finally {
      release.countDown();
    }
  }

  // 9. A timed waitForAll returns by its deadline while results keep arriving.

  @Test
  void waitForAllWithTimeout_withManySlowCallbacks_startsNoCallbackAfterTheDeadlineButOne() {
    ThreadPool pool = pool(1);
    AtomicInteger callbacks = new AtomicInteger();
    long callbackNanos = TimeUnit.MILLISECONDS.toNanos(10);
    for (int i = 0; i < 100; i++) {
      pool.putRequest(
          WorkRequest.of(
              () -> "done",
              (r, v) -> {
                callbacks.incrementAndGet();
                busyFor(callbackNanos); // a slow callback: work, not a wait for something
              }));
    }
    await().atMost(PATIENCE).until(() -> pool.stats().pendingResults() == 100);

    assertThat(pool.waitForAll(Duration.ofMillis(50))).isFalse();

    // each callback takes at least 10 ms: at most 5 fit in 50 ms, plus the one allowed after it
    assertThat(callbacks.get()).isBetween(1, 6);
    assertThat(pool.pendingRequestCount()).isEqualTo(100 - callbacks.get());
    pool.waitForAll();
    assertThat(callbacks).hasValue(100);
  }

  private static void busyFor(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  // 10. Terminated means every terminated listener has returned.

  @Test
  void isTerminated_whileTheLastWorkerStillRunsATerminatedListener_isFalse() throws Exception {
    CountDownLatch listenerEntered = new CountDownLatch(1);
    CountDownLatch releaseListener = new CountDownLatch(1);
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(1)
                .listener(
                    new ThreadPoolListener() {
                      @Override
                      public void terminated(ThreadPool p) {
                        listenerEntered.countDown();
                        awaitLatch(releaseListener);
                      }
                    })
                .build());
    pool.shutdown();
    awaitLatch(listenerEntered);

    assertThat(pool.isTerminated()).isFalse();
    assertThat(pool.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
    releaseListener.countDown();
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  // 11. A resize whose thread start fails tells listeners the real change.

  @Test
  void resize_whoseThreadStartFailsPartWay_tellsListenersTheRealChange() {
    AtomicInteger starts = new AtomicInteger();
    List<String> events = new CopyOnWriteArrayList<>();
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(1)
                .threadStarter(
                    thread -> {
                      if (starts.incrementAndGet() == 3) {
                        throw new OutOfMemoryError("unable to create native thread");
                      }
                      thread.start();
                    })
                .listener(
                    new ThreadPoolListener() {
                      @Override
                      public void workersChanged(ThreadPool p, int previous, int current) {
                        events.add(previous + " -> " + current);
                      }
                    })
                .build());

    assertThatThrownBy(() -> pool.resize(4)).isInstanceOf(OutOfMemoryError.class);

    assertThat(pool.workerCount()).isEqualTo(2);
    assertThat(events).containsExactly("1 -> 2");
  }

  @Test
  void builder_whoseFirstThreadStartFails_tellsNoListenerAboutThePool() {
    List<String> events = new CopyOnWriteArrayList<>();
    ThreadPool.Builder builder =
        ThreadPool.builder()
            .workers(2)
            .threadStarter(
                thread -> {
                  throw new OutOfMemoryError("unable to create native thread");
                })
            .listener(
                new ThreadPoolListener() {
                  @Override
                  public void terminated(ThreadPool p) {
                    events.add("terminated");
                  }
                });

    assertThatThrownBy(builder::build).isInstanceOf(OutOfMemoryError.class);
    assertThat(events).isEmpty();
  }

  // 12. Concurrent resizes tell listeners the changes in order.

  @Test
  void workersChanged_underConcurrentResizes_arrivesInTheOrderOfTheChanges() throws Exception {
    List<int[]> events = Collections.synchronizedList(new ArrayList<>());
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(1)
                .listener(
                    new ThreadPoolListener() {
                      @Override
                      public void workersChanged(ThreadPool p, int previous, int current) {
                        events.add(new int[] {previous, current});
                      }
                    })
                .build());
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<Void>> resizers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      int seed = r;
      resizers.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < 500; i++) {
                  pool.resize(1 + (i + seed) % 3);
                }
              },
              command -> new Thread(command).start()));
    }
    CompletableFuture.allOf(resizers.toArray(new CompletableFuture<?>[0]))
        .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(events).isNotEmpty();
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i)[0])
          .as("event %d follows event %d", i, i - 1)
          .isEqualTo(events.get(i - 1)[1]);
    }
    assertThat(events.get(events.size() - 1)[1]).isEqualTo(pool.workerCount());
  }

  // 13. A listener that throws an Error is isolated.

  @Test
  void listener_thatThrowsAnError_reachesNeitherTheCallerNorTheOtherListeners() {
    List<String> told = new CopyOnWriteArrayList<>();
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(1)
                .listener(
                    new ThreadPoolListener() {
                      @Override
                      public void workersChanged(ThreadPool p, int previous, int current) {
                        throw new AssertionError("listener broke");
                      }
                    })
                .listener(
                    new ThreadPoolListener() {
                      @Override
                      public void workersChanged(ThreadPool p, int previous, int current) {
                        told.add(previous + " -> " + current);
                      }
                    })
                .build());

    pool.resize(2);

    assertThat(told).containsExactly("1 -> 2");
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  // 14. A poll timeout too long for nanoseconds saturates.

  @Test
  void builder_withAPollTimeoutTooLongForNanoseconds_saturates() {
    ThreadPool pool =
        track(ThreadPool.builder().pollTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build());
    pool.putRequest(WorkRequest.of(() -> "x"));
    pool.createWorkers(1);
    pool.waitForAll();
    assertThat(pool.pendingRequestCount()).isZero();
  }

  // 15. A put that waits for room is not pending yet.

  @Test
  void pendingRequestCount_doesNotCountAPutWaitingForRoom() throws Exception {
    ThreadPool pool = track(ThreadPool.builder().requestQueueCapacity(2).build());
    pool.putRequest(WorkRequest.of(() -> 1));
    pool.putRequest(WorkRequest.of(() -> 2));
    Thread putter = new Thread(() -> pool.putRequest(WorkRequest.of(() -> 3)));
    putter.start();
    await().atMost(PATIENCE).until(() -> putter.getState() == Thread.State.WAITING);

    assertThat(pool.pendingRequestCount()).isEqualTo(2);
    pool.createWorkers(1);
    putter.join(PATIENCE.toMillis());
    assertThat(putter.isAlive()).isFalse();
    pool.waitForAll();
    assertThat(pool.stats().completed()).isEqualTo(3);
  }

  // 16. A shut-down pool without workers runs its queued work before it terminates.

  @Test
  void shutdown_ofAPoolWithoutWorkersAndWithWorkQueued_runsTheWorkBeforeTerminating()
      throws Exception {
    ThreadPool pool = pool(0);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Object> delivered = new CopyOnWriteArrayList<>();
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1), (r, v) -> delivered.add(v)));
    pool.putRequest(WorkRequest.of(() -> 2, (r, v) -> delivered.add(v)));

    pool.shutdown();
    awaitLatch(started);

    assertThat(pool.isTerminated()).isFalse();
    release.countDown();
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    pool.waitForAll();
    assertThat(delivered).containsExactly(1, 2);
  }

  // Suspicions settled.

  @Test
  void rejection_ofATaskWhoseToStringThrows_isStillARejectedExecutionException() {
    ThreadPool pool = pool(1);
    pool.shutdown();
    Runnable task =
        new Runnable() {
          @Override
          public void run() {}

          @Override
          public String toString() {
            throw new IllegalStateException("hostile toString");
          }
        };

    assertThatThrownBy(() -> pool.execute(task))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("accepts no more work");
  }

  @Test
  void workersStartedByResize_doNotInheritTheCallersInheritableThreadLocals() throws Exception {
    InheritableThreadLocal<String> context = new InheritableThreadLocal<>();
    ThreadPool pool = pool(0);
    context.set("actuator request");
    try {
      pool.resize(1);
    } finally {
      context.remove();
    }
    assertThat(pool.submit(context::get).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void taskCancelledWhileItRuns_countsByHowItsCodeEnded() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> future =
        pool.submit(
            () -> {
              started.countDown();
              release.await(); // not interruptible by cancel(false)
              return "returned";
            });
    awaitLatch(started);
    future.cancel(false);
    release.countDown();

    await().atMost(PATIENCE).until(() -> pool.stats().completed() + pool.stats().failed() == 1);
    assertThat(pool.stats().completed()).isEqualTo(1);
    assertThat(future.isCancelled()).isTrue();
  }

  @Test
  void waitForAll_whileAnotherPollerRunsTheLastCallback_waitsForIt() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch callbackEntered = new CountDownLatch(1);
    CountDownLatch releaseCallback = new CountDownLatch(1);
    pool.putRequest(
        WorkRequest.of(
            () -> "last",
            (r, v) -> {
              callbackEntered.countDown();
              awaitLatch(releaseCallback);
            }));
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(pool::waitForAll, command -> new Thread(command).start());
    awaitLatch(callbackEntered);

    CompletableFuture<Void> second = new CompletableFuture<>();
    Thread secondThread =
        new Thread(
            () -> {
              try {
                pool.waitForAll();
                second.complete(null);
              } catch (Throwable t) {
                second.completeExceptionally(t);
              }
            });
    secondThread.start();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                second.isDone()
                    || secondThread.getState() == Thread.State.TIMED_WAITING
                    || secondThread.getState() == Thread.State.WAITING);

    assertThat(second).as("returned while the last callback still runs").isNotDone();
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    releaseCallback.countDown();
    assertThat(first).succeedsWithin(PATIENCE);
    assertThat(second).succeedsWithin(PATIENCE);
  }
}
