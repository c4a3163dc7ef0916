package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC 2, behaviour 8: the ExecutorService face and the lifecycle. */
@Timeout(30)
class ThreadPoolExecutorServiceTest extends PoolTestSupport {

  private static boolean isWorkerOf(ThreadPool pool, Thread thread) {
    return thread.getName().startsWith("threadpool-" + pool.name() + "-");
  }

  @Test
  void execute_runsOnAWorkerAndIsNeverPending() {
    ThreadPool pool = pool(1);
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    CountDownLatch release = new CountDownLatch(1);

    pool.execute(
        () -> {
          ranOn.complete(Thread.currentThread());
          awaitLatch(release);
        });

    assertThat(ranOn).succeedsWithin(PATIENCE).matches(t -> isWorkerOf(pool, t));
    assertThat(pool.pendingRequestCount()).isZero();
    assertThatThrownBy(() -> pool.poll(false)).isInstanceOf(NoResultsPendingException.class);
    release.countDown();
    await().atMost(PATIENCE).until(() -> pool.stats().completed() == 1);
  }

  @Test
  void execute_whenTaskThrows_countsFailureAndWorkerGoesOn() {
    ThreadPool pool = pool(1);
    List<Throwable> uncaught = new ArrayList<>();
    CountDownLatch reported = new CountDownLatch(1);
    pool.execute(
        () ->
            Thread.currentThread()
                .setUncaughtExceptionHandler(
                    (t, e) -> {
                      uncaught.add(e);
                      reported.countDown();
                    }));
    IllegalStateException failure = new IllegalStateException("task failed");

    pool.execute(
        () -> {
          throw failure;
        });
    awaitLatch(reported);
    CompletableFuture<String> after = new CompletableFuture<>();
    pool.execute(() -> after.complete("still working"));

    assertThat(after).succeedsWithin(PATIENCE).isEqualTo("still working");
    assertThat(uncaught).containsExactly(failure);
    assertThat(pool.stats().failed()).isEqualTo(1);
    assertThat(pool.workerCount()).isEqualTo(1);
  }

  @Test
  void execute_withWorkRequest_putsItSoItsCallbackRunsOnThePoller() {
    ThreadPool pool = pool(1);
    AtomicReference<Thread> callbackThread = new AtomicReference<>();

    pool.execute(WorkRequest.of(() -> 1, (r, v) -> callbackThread.set(Thread.currentThread())));

    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    pool.waitForAll();
    assertThat(callbackThread.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void invokeAny_andCancelledFutures_areCountedByTheirOutcome() throws Exception {
    ThreadPool pool = pool(1);
    Callable<Integer> failing =
        () -> {
          throw new IllegalStateException("fails");
        };
    assertThatThrownBy(() -> pool.invokeAny(List.of(failing, failing)))
        .isInstanceOf(ExecutionException.class);
    await().atMost(PATIENCE).until(() -> pool.stats().failed() == 2);

    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> blocker = pool.submit(blockingTask(started, release, 1));
    awaitLatch(started);
    Future<Integer> cancelled = pool.submit(() -> 2);
    assertThat(cancelled.cancel(false)).isTrue();
    release.countDown();
    assertThat(blocker.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
    await().atMost(PATIENCE).until(() -> pool.stats().queueDepth() == 0);
    pool.close();

    assertThat(pool.stats().failed()).isEqualTo(2);
    assertThat(pool.stats().completed()).isEqualTo(1); // the blocker; the cancelled task never ran
  }

  @Test
  void submit_withWorkRequest_isRefusedAndLeavesNoTrace() {
    ThreadPool pool = pool(1);
    WorkRequest<Integer> request = WorkRequest.of(() -> 1);

    assertThatThrownBy(() -> pool.submit(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use putRequest");
    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(pool.stats().queueDepth()).isZero();
    pool.putRequest(request); // still new: it can be put
    pool.waitForAll();
  }

  @Test
  void execute_withNull_throwsNpe() {
    ThreadPool pool = pool(1);

    assertThatThrownBy(() -> pool.execute(nullRunnable()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("command");
  }

  @Test
  void submit_completesFutureOnTheWorkerNeverPending() throws Exception {
    ThreadPool pool = pool(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> completedOn = new AtomicReference<>();

    Future<String> future = pool.submit(() -> Thread.currentThread().getName());
    // a dependent registered before completion runs on the thread that completes the future
    CompletableFuture<Void> observed =
        CompletableFuture.runAsync(() -> awaitLatch(release), pool)
            .whenComplete((v, e) -> completedOn.set(Thread.currentThread()));
    release.countDown();

    assertThat(future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
        .startsWith("threadpool-" + pool.name() + "-");
    assertThat(observed).succeedsWithin(PATIENCE);
    assertThat(completedOn.get()).matches(t -> isWorkerOf(pool, t));
    assertThat(pool.pendingRequestCount()).isZero();
    assertThatThrownBy(() -> pool.poll(true)).isInstanceOf(NoResultsPendingException.class);
  }

  @Test
  void submit_whenTaskThrows_failsTheFutureWithTheCause() {
    ThreadPool pool = pool(1);
    IllegalStateException failure = new IllegalStateException("submitted failure");

    Future<Object> future =
        pool.submit(
            () -> {
              throw failure;
            });

    assertThatThrownBy(() -> future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCause(failure);
    await().atMost(PATIENCE).until(() -> pool.stats().failed() == 1);
    assertThat(pool.stats().completed()).isZero();
  }

  @Test
  void invokeAllAndInvokeAny_runOnTheSameWorkers() throws Exception {
    ThreadPool pool = track(ThreadPool.builder().name("inv").workers(2).build());
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tasks.add(() -> Thread.currentThread().getName());
    }

    List<Future<String>> all = pool.invokeAll(tasks);
    String any = pool.invokeAny(tasks);

    for (Future<String> future : all) {
      assertThat(future.get()).isIn("threadpool-inv-1", "threadpool-inv-2");
    }
    assertThat(any).isIn("threadpool-inv-1", "threadpool-inv-2");
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void executorTasks_shareTheRequestQueueWithWorkRequests() {
    // one worker, blocked: a request and a task queue up behind it, in arrival order
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 0)));
    awaitLatch(started);
    pool.execute(() -> order.add("task-1"));
    pool.putRequest(WorkRequest.of(() -> order.add("request")));
    Future<?> last = pool.submit(() -> order.add("task-2"));
    assertThat(pool.stats().queueDepth()).isEqualTo(3);

    release.countDown();

    assertThat(last).succeedsWithin(PATIENCE);
    assertThat(order).containsExactly("task-1", "request", "task-2");
    pool.waitForAll();
  }

  @Test
  void execute_afterShutdown_throwsRejected() {
    ThreadPool pool = pool(1);
    pool.shutdown();

    assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
    assertThat(pool.stats().rejected()).isEqualTo(2);
  }

  @Test
  void shutdown_letsQueuedWorkRunAndResultsStayPollable() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> delivered = new ArrayList<>();
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 0), (r, v) -> delivered.add(v)));
    for (int i = 1; i <= 5; i++) {
      int value = i;
      pool.putRequest(WorkRequest.of(() -> value, (r, v) -> delivered.add(v)));
    }
    Future<String> task = pool.submit(() -> "task ran");
    awaitLatch(started);

    pool.shutdown();
    pool.shutdown(); // twice: no effect

    assertThat(pool.isShutdown()).isTrue();
    assertThat(pool.isTerminated()).isFalse();
    release.countDown();
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
    assertThat(task.get()).isEqualTo("task ran");
    assertThat(pool.pendingRequestCount()).isEqualTo(6);
    pool.waitForAll(); // results stay pollable after termination
    assertThat(delivered).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void shutdownNow_returnsQueuedWorkInterruptsRunningAndForgetsRemovedRequests() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean runningWasInterrupted = new AtomicBoolean();
    List<Object> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    pool.putRequest(
        WorkRequest.<String>builder(
                () -> {
                  started.countDown();
                  try {
                    new CountDownLatch(1).await();
                    return "never";
                  } catch (InterruptedException e) {
                    runningWasInterrupted.set(true);
                    throw e;
                  }
                })
            .exceptionCallback((r, e) -> delivered.add(e))
            .build());
    awaitLatch(started);
    List<WorkRequest<Integer>> queued = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int value = i;
      WorkRequest<Integer> request = WorkRequest.of(() -> value, (r, v) -> delivered.add(v));
      queued.add(request);
      pool.putRequest(request);
    }
    Runnable task = () -> delivered.add("task");
    pool.execute(task);
    // someone waits for everything: it must not hang on the removed requests
    CompletableFuture<Void> waiter =
        CompletableFuture.runAsync(pool::waitForAll, command -> new Thread(command).start());

    List<Runnable> removed = pool.shutdownNow();

    assertThat(removed).containsExactly(queued.get(0), queued.get(1), queued.get(2), task);
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(runningWasInterrupted).isTrue();
    assertThat(waiter).succeedsWithin(PATIENCE);
    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(delivered).singleElement().isInstanceOf(InterruptedException.class);

    // handed-back requests are new again: they may be put into another pool, or run here
    ThreadPool other = pool(1);
    other.putRequest(queued.get(0));
    queued.get(1).run();
    other.waitForAll();
    assertThat(delivered.subList(1, delivered.size())).containsExactly(2, 1);
    assertThatThrownBy(() -> pool.putRequest(queued.get(2)))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void shutdownNow_handsBackFuturesOfSubmittedTasks() {
    ThreadPool pool = pool(0);
    Future<String> future = pool.submit(() -> "not run");

    List<Runnable> removed = pool.shutdownNow();

    assertThat(removed).containsExactly((Runnable) future);
    assertThat(pool.isTerminated()).isTrue();
    removed.get(0).run();
    assertThat(future).succeedsWithin(Duration.ZERO).isEqualTo("not run");
  }

  @Test
  void isTerminated_onlyAfterDismissedWorkersHaveExitedToo() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1)));
    awaitLatch(started);
    pool.dismissWorkers(1);
    assertThat(pool.workerCount()).isZero();

    pool.shutdown();

    assertThat(pool.isShutdown()).isTrue();
    assertThat(pool.isTerminated()).isFalse();
    assertThat(pool.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
    release.countDown();
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
  }

  @Test
  void awaitTermination_onRunningPool_timesOut() throws Exception {
    ThreadPool pool = pool(1);

    assertThat(pool.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(pool.isShutdown()).isFalse();
  }

  @Test
  void close_shutsDownAndWaitsForQueuedWork() {
    List<Integer> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    ThreadPool closed;
    try (ThreadPool pool = track(new ThreadPool(2))) {
      closed = pool;
      for (int i = 0; i < 20; i++) {
        int value = i;
        pool.execute(() -> ran.add(value));
      }
    }
    assertThat(closed.isTerminated()).isTrue();
    assertThat(ran).hasSize(20);
    closed.close(); // again: no effect
    assertThat(closed.isTerminated()).isTrue();
  }

  @Test
  void close_whenInterrupted_stopsThePoolAndKeepsTheFlag() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(
        () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    awaitLatch(started);
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread closer =
        new Thread(
            () -> {
              pool.close();
              flagKept.set(Thread.currentThread().isInterrupted());
            });
    closer.start();
    await().atMost(PATIENCE).until(() -> closer.getState() == Thread.State.TIMED_WAITING);

    closer.interrupt();
    closer.join(PATIENCE.toMillis());

    assertThat(closer.isAlive()).isFalse();
    assertThat(flagKept).isTrue();
    assertThat(pool.isTerminated()).isTrue();
  }

  @Test
  void shutdown_whenLastDismissedWorkerExitsWithWorkQueued_startsAWorkerThatDrainsTheQueue()
      throws InterruptedException {
    // the only worker is dismissed, so nothing is left to run the queued request after shutdown:
    // shutdown() promises that queued work runs, so the pool starts a worker for it
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Object> delivered = new CopyOnWriteArrayList<>();
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1), (r, v) -> delivered.add(v)));
    awaitLatch(started);
    pool.dismissWorkers(1);
    pool.putRequest(WorkRequest.of(() -> 2, (r, v) -> delivered.add(v))); // no live worker
    pool.shutdown();
    release.countDown();

    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    pool.waitForAll();
    assertThat(delivered).containsExactly(1, 2);
    assertThat(pool.shutdownNow()).isEmpty();
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void toString_namesPoolAndState() {
    ThreadPool pool = track(ThreadPool.builder().name("shown").workers(1).build());

    assertThat(pool.toString()).contains("shown", "running", "workers=1");
    pool.shutdownNow();
    await().atMost(PATIENCE).until(pool::isTerminated);
    assertThat(pool.toString()).contains("terminated");
  }

  @SuppressWarnings("NullAway") // deliberately passes null to check the precondition
  private static Runnable nullRunnable() {
    return null;
  }
}
