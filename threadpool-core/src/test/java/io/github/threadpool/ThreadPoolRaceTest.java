package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Targeted races: a check made while another thread changes the pool must never see a lie. */
class ThreadPoolRaceTest extends PoolTestSupport {

  /**
   * Dismissing the last live worker while it runs a job moves it from "live" to "dismissed"; a
   * poller checking "is any worker left?" at that moment must still count it, or it throws {@link
   * NoWorkersAvailableException} although the job's result is on its way.
   */
  @Test
  @Timeout(60)
  void waitForAll_whileLastBusyWorkerIsDismissed_neverThrowsNoWorkersAvailable() throws Exception {
    ThreadPool pool = pool(0);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger spuriousNoWorkers = new AtomicInteger();
    AtomicInteger checks = new AtomicInteger();
    CompletableFuture<Void> checker =
        CompletableFuture.runAsync(
            () -> {
              while (!stop.get()) {
                try {
                  // a zero timeout: checks once whether a worker is left, never waits
                  pool.waitForAll(Duration.ZERO);
                } catch (NoWorkersAvailableException e) {
                  spuriousNoWorkers.incrementAndGet();
                }
                checks.incrementAndGet();
              }
            },
            command -> new Thread(command).start());
    try {
      for (int trial = 0; trial < 1_000 && spuriousNoWorkers.get() == 0; trial++) {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.createWorkers(1);
        // the only worker, busy: the request stays pending, and a worker is there to deliver it
        pool.putRequest(WorkRequest.of(blockingTask(started, release, trial)));
        awaitLatch(started);

        pool.dismissWorkers(1);

        release.countDown();
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(1))
            .until(() -> pool.stats().dismissedWorkers() == 0 && pool.pendingRequestCount() == 0);
      }
    } finally {
      stop.set(true);
    }
    checker.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(checks.get()).isPositive();
    assertThat(spuriousNoWorkers).hasValue(0);
  }

  /**
   * A worker dismissed while its take() returns a request gives the request back; if shutdown()
   * comes at that moment, the other workers may already have found the queue empty and exited. The
   * request must still run before the pool terminates, never be left queued in a terminated pool.
   */
  @Test
  @Timeout(120)
  void shutdown_racingTheDismissalOfAWorkerTakingARequest_stillRunsTheRequest() throws Exception {
    int notRun = 0;
    for (int trial = 0; trial < 2_000; trial++) {
      ThreadPool pool = ThreadPool.builder().name("race-" + trial).workers(2).build();
      try {
        awaitParked(pool, 2);
        AtomicBoolean ran = new AtomicBoolean();
        pool.putRequest(WorkRequest.of(() -> ran.getAndSet(true)));
        pool.dismissWorkers(1);
        pool.shutdown();

        assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        if (!ran.get() || pool.stats().queueDepth() != 0) {
          notRun++;
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(notRun).as("requests left unrun in a terminated pool").isZero();
  }
}
