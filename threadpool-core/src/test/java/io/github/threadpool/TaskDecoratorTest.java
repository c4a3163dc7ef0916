package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The task decorator: context carried from the putting thread to the worker. */
@Timeout(30)
class TaskDecoratorTest extends PoolTestSupport {

  private static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

  /** Captures the putting thread's context and installs it around the work on the worker. */
  private static Runnable propagateContext(Runnable work) {
    String captured = CONTEXT.get();
    return () -> {
      String previous = CONTEXT.get();
      CONTEXT.set(captured);
      try {
        work.run();
      } finally {
        CONTEXT.set(previous);
      }
    };
  }

  @Test
  void taskDecorator_runsOnThePuttingThreadAndItsContextIsVisibleInTheWorker() throws Exception {
    List<Thread> decoratingThreads = new CopyOnWriteArrayList<>();
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(1)
                .taskDecorator(
                    work -> {
                      decoratingThreads.add(Thread.currentThread());
                      return propagateContext(work);
                    })
                .build());
    AtomicReference<String> seenByRequest = new AtomicReference<>();
    AtomicReference<String> seenByCallback = new AtomicReference<>();

    CONTEXT.set("tenant-7");
    try {
      pool.putRequest(
          WorkRequest.of(
              () -> {
                seenByRequest.set(CONTEXT.get());
                return 1;
              },
              (r, v) -> seenByCallback.set(CONTEXT.get())));
      Future<String> task = pool.submit(CONTEXT::get);
      CONTEXT.set("other");
      pool.waitForAll();
      assertThat(task.get()).isEqualTo("tenant-7");
    } finally {
      CONTEXT.remove();
    }

    assertThat(decoratingThreads).containsOnly(Thread.currentThread()).hasSize(2);
    assertThat(seenByRequest.get()).isEqualTo("tenant-7");
    assertThat(seenByCallback.get()).isEqualTo("other"); // callbacks run on the poller, undecorated
  }

  @Test
  void taskDecorator_thatThrowsBeforeRunning_failsTheWorkInsteadOfLosingIt() {
    IllegalStateException decoratorFailure = new IllegalStateException("no context");
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(1)
                .taskDecorator(
                    work ->
                        () -> {
                          throw decoratorFailure;
                        })
                .build());
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AtomicReference<Object> result = new AtomicReference<>();
    WorkRequest<Integer> request =
        WorkRequest.<Integer>builder(() -> 1)
            .callback((r, v) -> result.set(v))
            .exceptionCallback((r, e) -> seen.set(e))
            .build();

    pool.putRequest(request);
    Future<Integer> task = pool.submit(() -> 2);
    pool.waitForAll();

    assertThat(seen.get()).isSameAs(decoratorFailure);
    assertThat(request.isException()).isTrue();
    assertThat(result.get()).isNull();
    assertThat(task)
        .failsWithin(PATIENCE)
        .withThrowableOfType(ExecutionException.class)
        .withCause(decoratorFailure);
    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(pool.stats().failed()).isEqualTo(2);
  }

  @Test
  void taskDecorator_thatNeverRunsTheWork_failsTheWork() {
    ThreadPool pool =
        track(ThreadPool.builder().workers(1).taskDecorator(work -> () -> {}).build());
    AtomicReference<Throwable> seen = new AtomicReference<>();

    pool.putRequest(
        WorkRequest.<Integer>builder(() -> 1).exceptionCallback((r, e) -> seen.set(e)).build());
    pool.waitForAll();

    assertThat(seen.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not run");
  }

  @Test
  void taskDecorator_thatRunsTheWorkTwice_runsItOnce() {
    List<Integer> runs = new CopyOnWriteArrayList<>();
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(1)
                .taskDecorator(
                    work ->
                        () -> {
                          Thread.currentThread()
                              .setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
                          work.run();
                          work.run();
                        })
                .build());
    List<Integer> delivered = new CopyOnWriteArrayList<>();

    pool.putRequest(
        WorkRequest.of(
            () -> {
              runs.add(1);
              return 1;
            },
            (r, v) -> delivered.add(v)));
    pool.waitForAll();

    assertThat(runs).hasSize(1);
    assertThat(delivered).containsExactly(1);
    // reported by the worker after it queued the result, so possibly after waitForAll returned
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(uncaught).singleElement().isInstanceOf(IllegalStateException.class));
  }

  @Test
  void shutdownNow_handsBackTheUndecoratedOriginal() {
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(0)
                .taskDecorator(TaskDecoratorTest::propagateContext)
                .build());
    WorkRequest<Integer> request = WorkRequest.of(() -> 1);
    Runnable task = () -> {};
    pool.putRequest(request);
    pool.execute(task);

    List<Runnable> removed = pool.shutdownNow();

    assertThat(removed).containsExactly(request, task);
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void taskDecorator_isAppliedAgainWhenAHandedBackRequestIsPutAgain() {
    CountDownLatch decorated = new CountDownLatch(2);
    UnaryOperator<Runnable> counting =
        work -> {
          decorated.countDown();
          return work;
        };
    ThreadPool first = track(ThreadPool.builder().workers(0).taskDecorator(counting).build());
    ThreadPool second = track(ThreadPool.builder().workers(1).taskDecorator(counting).build());
    AtomicReference<Integer> delivered = new AtomicReference<>();
    WorkRequest<Integer> request = WorkRequest.of(() -> 5, (r, v) -> delivered.set(v));
    first.putRequest(request);
    assertThat(first.shutdownNow()).containsExactly(request);

    second.putRequest(request);
    second.waitForAll();

    assertThat(decorated.getCount()).isZero();
    assertThat(delivered.get()).isEqualTo(5);
  }
}
