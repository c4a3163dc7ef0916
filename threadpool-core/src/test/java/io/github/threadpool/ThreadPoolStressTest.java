package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC 2, behaviour 9: 100 000 requests from several putters while other threads poll and a resizer
 * creates and dismisses workers every millisecond. Every request must be delivered exactly once and
 * nothing may stay pending.
 */
class ThreadPoolStressTest extends PoolTestSupport {

  private static final int REQUESTS = 100_000;
  private static final int PUTTERS = 4;

  @Test
  @Timeout(120)
  void putAndPoll_whileResizing_deliversEveryRequestExactlyOnce() throws Exception {
    run(track(ThreadPool.builder().name("stress").workers(2).build()), 1);
  }

  @Test
  @Timeout(120)
  void putAndPoll_withBoundedQueuesAndTwoPollers_deliversEveryRequestExactlyOnce()
      throws Exception {
    run(
        track(
            ThreadPool.builder()
                .name("stress-bounded")
                .workers(2)
                .requestQueueCapacity(64)
                .resultQueueCapacity(32)
                .build()),
        2);
  }

  private void run(ThreadPool pool, int pollers) throws Exception {
    AtomicIntegerArray deliveries = new AtomicIntegerArray(REQUESTS);
    AtomicLong failures = new AtomicLong();
    AtomicBoolean puttingDone = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong resizes = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<?>> actors = new ArrayList<>();

    // putters: request i is put by putter i % PUTTERS, with i as its id; every 7th one fails
    List<CompletableFuture<?>> putters = new ArrayList<>();
    for (int p = 0; p < PUTTERS; p++) {
      int putter = p;
      putters.add(
          async(
              () -> {
                awaitLatch(start);
                for (int i = putter; i < REQUESTS; i += PUTTERS) {
                  int index = i;
                  pool.putRequest(
                      WorkRequest.<Integer>builder(
                              () -> {
                                if (index % 7 == 0) {
                                  throw new IllegalStateException("planned failure " + index);
                                }
                                return index;
                              })
                          .requestId(index)
                          .callback((r, v) -> deliveries.incrementAndGet(v))
                          .exceptionCallback(
                              (r, e) -> {
                                failures.incrementAndGet();
                                deliveries.incrementAndGet((Integer) r.requestId());
                              })
                          .build());
                }
              }));
    }
    actors.addAll(putters);

    // pollers: deliver until every putter is done and nothing is pending
    for (int p = 0; p < pollers; p++) {
      actors.add(
          async(
              () -> {
                awaitLatch(start);
                while (!puttingDone.get() || pool.pendingRequestCount() > 0) {
                  try {
                    pool.poll(true);
                  } catch (NoResultsPendingException e) {
                    Thread.onSpinWait(); // putters have not put the next one yet
                  }
                }
              }));
    }

    // resizer: between 1 and 4 live workers, changed every millisecond
    CompletableFuture<?> resizer =
        async(
            () -> {
              awaitLatch(start);
              ThreadLocalRandom random = ThreadLocalRandom.current();
              while (!stop.get()) {
                if (random.nextBoolean()) {
                  pool.resize(1 + random.nextInt(4));
                } else if (pool.workerCount() < 4) {
                  pool.createWorkers(1);
                  pool.dismissWorkers(1, random.nextBoolean());
                }
                resizes.incrementAndGet();
                LockSupport.parkNanos(1_000_000); // pacing: one change per millisecond
              }
            });
    actors.add(resizer);

    start.countDown();
    try {
      for (CompletableFuture<?> putter : putters) {
        putter.get(90, TimeUnit.SECONDS);
      }
      puttingDone.set(true);
      for (CompletableFuture<?> actor : actors) {
        if (actor != resizer) {
          actor.get(90, TimeUnit.SECONDS);
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("an actor failed or hung; pool: " + pool, e);
    } finally {
      stop.set(true);
    }
    resizer.get(10, TimeUnit.SECONDS);

    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      if (deliveries.get(i) != 1) {
        wrong.add(i);
      }
    }
    assertThat(resizes.get()).as("changes of the worker count while the requests ran").isPositive();
    assertThat(wrong).as("requests not delivered exactly once").isEmpty();
    assertThat(failures.get()).isEqualTo((REQUESTS + 6) / 7);
    assertThat(pool.pendingRequestCount()).isZero();
    ThreadPoolStats stats = pool.stats();
    assertThat(stats.completed() + stats.failed()).isEqualTo(REQUESTS);
    assertThat(stats.failed()).isEqualTo(failures.get());
    assertThat(stats.queueDepth()).isZero();
    assertThat(stats.pendingResults()).isZero();
    assertThat(stats.rejected()).isZero();
  }

  private static CompletableFuture<Void> async(Runnable action) {
    return CompletableFuture.runAsync(action, command -> new Thread(command).start());
  }
}
