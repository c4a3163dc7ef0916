package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC 2, behaviours 1 and 2: where, when and with what callbacks are called. */
@Timeout(30)
class ThreadPoolCallbackTest extends PoolTestSupport {

  @Test
  void poll_runsResultCallbacksOnThePollingThreadOnly() {
    ThreadPool pool = pool(3);
    List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
    List<String> workerNames = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 50; i++) {
      pool.putRequest(
          WorkRequest.of(
              () -> Thread.currentThread().getName(),
              (request, workerName) -> {
                callbackThreads.add(Thread.currentThread());
                workerNames.add(workerName);
              }));
    }

    pool.waitForAll();

    assertThat(callbackThreads).hasSize(50).containsOnly(Thread.currentThread());
    assertThat(workerNames).allSatisfy(name -> assertThat(name).startsWith("threadpool-"));
  }

  @Test
  void poll_runsExceptionCallbacksOnThePollingThread() {
    ThreadPool pool = pool(2);
    List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 10; i++) {
      pool.putRequest(
          WorkRequest.<String>builder(
                  () -> {
                    throw new IllegalStateException("boom");
                  })
              .exceptionCallback((request, e) -> callbackThreads.add(Thread.currentThread()))
              .build());
    }

    pool.waitForAll();

    assertThat(callbackThreads).hasSize(10).containsOnly(Thread.currentThread());
  }

  @Test
  void poll_deliversInCompletionOrder() {
    // One worker runs the requests one after the other: completion order is put order. Requests
    // are held back by a latch so that they all finish before the first poll.
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> delivered = new ArrayList<>();
    pool.putRequest(WorkRequest.of(blockingTask(started, release, -1), (r, v) -> delivered.add(v)));
    for (int i = 0; i < 100; i++) {
      int value = i;
      pool.putRequest(WorkRequest.of(() -> value, (r, v) -> delivered.add(v)));
    }
    awaitLatch(started);
    release.countDown();

    pool.waitForAll();

    List<Integer> expected = new ArrayList<>();
    expected.add(-1);
    for (int i = 0; i < 100; i++) {
      expected.add(i);
    }
    assertThat(delivered).containsExactlyElementsOf(expected);
  }

  @Test
  void poll_deliversInCompletionOrderNotPutOrder() {
    ThreadPool pool = pool(2);
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<String> delivered = new ArrayList<>();
    pool.putRequest(
        WorkRequest.of(
            blockingTask(firstStarted, releaseFirst, "slow"), (r, v) -> delivered.add(v)));
    awaitLatch(firstStarted);
    pool.putRequest(WorkRequest.of(() -> "fast", (r, v) -> delivered.add(v)));
    // deliver "fast" first, then let "slow" finish
    while (delivered.isEmpty()) {
      pool.waitForAll(PATIENCE.dividedBy(100));
    }
    releaseFirst.countDown();

    pool.waitForAll();

    assertThat(delivered).containsExactly("fast", "slow");
  }

  @Test
  void poll_passesTheVeryRequestObjectAndTheExactResult() {
    ThreadPool pool = pool(1);
    Object result = new Object();
    AtomicReference<WorkRequest<Object>> seenRequest = new AtomicReference<>();
    AtomicReference<Object> seenResult = new AtomicReference<>();
    WorkRequest<Object> request =
        WorkRequest.of(
            () -> result,
            (r, v) -> {
              seenRequest.set(r);
              seenResult.set(v);
            });
    pool.putRequest(request);

    pool.waitForAll();

    assertThat(seenRequest.get()).isSameAs(request);
    assertThat(seenResult.get()).isSameAs(result);
    assertThat(request.isException()).isFalse();
  }

  @Test
  void poll_passesNullResultToTheCallback() {
    ThreadPool pool = pool(1);
    AtomicBoolean called = new AtomicBoolean();
    AtomicReference<Object> seen = new AtomicReference<>("not called");
    pool.putRequest(
        WorkRequest.<Object>of(
            () -> null,
            (r, v) -> {
              called.set(true);
              seen.set(v);
            }));

    pool.waitForAll();

    assertThat(called).isTrue();
    assertThat(seen.get()).isNull();
  }

  @Test
  void poll_whenTaskThrows_passesTheOriginalThrowableAndSetsIsException() {
    ThreadPool pool = pool(1);
    IOException failure = new IOException("disk on fire");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AtomicBoolean isExceptionInCallback = new AtomicBoolean();
    AtomicBoolean resultCallbackCalled = new AtomicBoolean();
    WorkRequest<String> request =
        WorkRequest.<String>builder(
                () -> {
                  throw failure;
                })
            .callback((r, v) -> resultCallbackCalled.set(true))
            .exceptionCallback(
                (r, e) -> {
                  isExceptionInCallback.set(r.isException());
                  seen.set(e);
                })
            .build();
    assertThat(request.isException()).isFalse();
    pool.putRequest(request);

    pool.waitForAll();

    assertThat(seen.get()).isSameAs(failure);
    assertThat(isExceptionInCallback).isTrue();
    assertThat(request.isException()).isTrue();
    assertThat(resultCallbackCalled).isFalse();
  }

  @Test
  void poll_whenTaskThrowsError_passesTheErrorUnwrapped() {
    ThreadPool pool = pool(1);
    AssertionError failure = new AssertionError("an error, not an exception");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    pool.putRequest(
        WorkRequest.<String>builder(
                () -> {
                  throw failure;
                })
            .exceptionCallback((r, e) -> seen.set(e))
            .build());

    pool.waitForAll();

    assertThat(seen.get()).isSameAs(failure);
    assertThat(pool.workerCount()).isEqualTo(1);
  }

  @Test
  void poll_withDefaultExceptionCallback_logsWarningWithStackTrace() {
    ThreadPool pool = pool(1);
    RuntimeException failure = new RuntimeException("logged failure");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(WorkRequest.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    boolean useParent = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false); // keep the expected stack trace out of the build log
    try {
      AtomicBoolean resultCallbackCalled = new AtomicBoolean();
      WorkRequest<String> request =
          WorkRequest.<String>of(
              () -> {
                throw failure;
              },
              (r, v) -> resultCallbackCalled.set(true));
      pool.putRequest(request);

      pool.waitForAll();

      assertThat(records).hasSize(1);
      LogRecord record = records.get(0);
      assertThat(record.getLevel()).isEqualTo(Level.WARNING);
      assertThat(record.getThrown()).isSameAs(failure);
      assertThat(record.getMessage()).contains(String.valueOf(request.requestId()));
      assertThat(resultCallbackCalled).isFalse();
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(useParent);
    }
  }

  @Test
  void poll_withNullExceptionCallback_dropsTheFailure() {
    ThreadPool pool = pool(1);
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(WorkRequest.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      AtomicBoolean resultCallbackCalled = new AtomicBoolean();
      WorkRequest<String> request =
          WorkRequest.<String>builder(
                  () -> {
                    throw new IllegalStateException("dropped");
                  })
              .callback((r, v) -> resultCallbackCalled.set(true))
              .exceptionCallback(null)
              .build();
      pool.putRequest(request);

      pool.waitForAll();

      assertThat(request.isException()).isTrue();
      assertThat(records).isEmpty();
      assertThat(resultCallbackCalled).isFalse();
      assertThat(pool.pendingRequestCount()).isZero();
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void poll_whenCallbackThrows_leavesNothingPending() {
    ThreadPool pool = pool(1);
    IllegalStateException callbackFailure = new IllegalStateException("callback failed");
    pool.putRequest(
        WorkRequest.of(
            () -> "x",
            (r, v) -> {
              throw callbackFailure;
            }));

    assertThatThrownBy(pool::waitForAll).isSameAs(callbackFailure);

    assertThat(pool.pendingRequestCount()).isZero();
    pool.waitForAll(); // returns at once: nothing pending
    assertThatThrownBy(() -> pool.poll(true)).isInstanceOf(NoResultsPendingException.class);
  }

  @Test
  void poll_whenCallbackThrows_keepsLaterResultsForTheNextCall() {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> delivered = new ArrayList<>();
    AtomicInteger exceptionCallbackCalls = new AtomicInteger();
    pool.putRequest(
        WorkRequest.<Integer>builder(blockingTask(started, release, 0))
            .callback(
                (r, v) -> {
                  throw new IllegalStateException("first callback fails");
                })
            .exceptionCallback((r, e) -> exceptionCallbackCalls.incrementAndGet())
            .build());
    for (int i = 1; i <= 5; i++) {
      int value = i;
      pool.putRequest(WorkRequest.of(() -> value, (r, v) -> delivered.add(v)));
    }
    awaitLatch(started);
    release.countDown();

    assertThatThrownBy(pool::waitForAll)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("first callback fails");
    pool.waitForAll();

    assertThat(delivered).containsExactly(1, 2, 3, 4, 5);
    assertThat(exceptionCallbackCalls).hasValue(0);
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void poll_whenExceptionCallbackThrows_leavesNothingPending() {
    ThreadPool pool = pool(1);
    pool.putRequest(
        WorkRequest.<String>builder(
                () -> {
                  throw new IOException("task");
                })
            .exceptionCallback(
                (r, e) -> {
                  throw new IllegalArgumentException("exception callback", e);
                })
            .build());

    assertThatThrownBy(pool::waitForAll)
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(pool.pendingRequestCount()).isZero();
    pool.waitForAll();
  }

  @Test
  void poll_callsEachCallbackExactlyOnce() {
    ThreadPool pool = pool(4);
    int requests = 2_000;
    AtomicInteger[] calls = new AtomicInteger[requests];
    for (int i = 0; i < requests; i++) {
      calls[i] = new AtomicInteger();
      int index = i;
      boolean fail = i % 3 == 0;
      pool.putRequest(
          WorkRequest.<Integer>builder(
                  () -> {
                    if (fail) {
                      throw new IllegalStateException("fail " + index);
                    }
                    return index;
                  })
              .callback((r, v) -> calls[v].incrementAndGet())
              .exceptionCallback((r, e) -> calls[index].incrementAndGet())
              .build());
    }

    pool.waitForAll();

    List<Integer> counts = new ArrayList<>();
    for (AtomicInteger call : calls) {
      counts.add(call.get());
    }
    assertThat(counts).containsOnly(1);
    assertThat(Collections.frequency(counts, 1)).isEqualTo(requests);
  }
}
