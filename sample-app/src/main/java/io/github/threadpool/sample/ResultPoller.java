package io.github.threadpool.sample;

import io.github.threadpool.NoWorkersAvailableException;
import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.ThreadPoolLifecycle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Owns the one thread that polls the pool, so every callback of the application runs on it. It
 * waits for results while requests are pending and sleeps on a semaphore while none are.
 *
 * <p>It stops after the pool (a lower phase than the starter's shutdown), so results of the work
 * the pool finishes during its graceful shutdown are still delivered.
 */
@Component
@Profile("!" + DemoRunner.PROFILE)
class ResultPoller implements SmartLifecycle {

  /** One below the pool's lifecycle: started before it, stopped after it. */
  static final int PHASE = ThreadPoolLifecycle.PHASE - 1;

  private static final Logger logger = LoggerFactory.getLogger(ResultPoller.class);

  private final ThreadPool pool;
  private final SampleProperties properties;
  private final Semaphore resultsExpected = new Semaphore(0);
  private volatile boolean running;
  private @Nullable Thread thread;

  ResultPoller(ThreadPool pool, SampleProperties properties) {
    this.pool = pool;
    this.properties = properties;
  }

  /** Tells the polling thread that requests were put. */
  void resultsExpected() {
    resultsExpected.release();
  }

  @Override
  public synchronized void start() {
    running = true;
    Thread poller = new Thread(this::pollUntilStopped, "result-poller");
    poller.setDaemon(true);
    poller.start();
    thread = poller;
  }

  @Override
  public synchronized void stop() {
    running = false;
    Thread poller = thread;
    if (poller != null) {
      poller.interrupt();
      try {
        poller.join(properties.pollWait().toMillis() * 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private void pollUntilStopped() {
    boolean warnedNoWorkers = false;
    try {
      while (running) {
        try {
          if (pool.waitForAll(properties.pollWait())) {
            awaitResultsExpected(); // nothing pending: sleep until a batch arrives
          }
          warnedNoWorkers = false;
        } catch (NoWorkersAvailableException e) {
          if (!warnedNoWorkers) {
            logger.warn("{}; waiting for workers", e.getMessage());
            warnedNoWorkers = true;
          }
          awaitResultsExpected(); // an operator may add workers meanwhile
        } catch (CancellationException e) {
          return; // stop() interrupted the wait for results
        } catch (RuntimeException e) {
          // A callback threw: its request is delivered all the same and the others stay queued.
          logger.error("a result callback failed", e);
        }
      }
    } catch (InterruptedException e) {
      // stop() interrupted the wait for a batch
    }
  }

  private void awaitResultsExpected() throws InterruptedException {
    resultsExpected.tryAcquire(properties.pollWait().toMillis(), TimeUnit.MILLISECONDS);
    resultsExpected.drainPermits();
  }
}
