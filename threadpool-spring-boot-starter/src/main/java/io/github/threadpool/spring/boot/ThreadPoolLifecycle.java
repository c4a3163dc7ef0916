package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolStats;
import io.github.threadpool.WorkRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Shuts a {@link ThreadPool} down with the application context.
 *
 * <p>On {@link #stop()} (or {@link #stop(Runnable)}, which the context calls for every pool of the
 * phase at once) the pool stops accepting work, then queued and running work gets up to the
 * await-termination period to finish. Whatever is left is then stopped: queued requests and tasks
 * are removed and running ones interrupted. The workers then get a short, fixed time to exit, so
 * that no pool thread outlives the context; a worker running a task that ignores interrupts is
 * reported (ERROR) instead. The shutdown is reported with its counts: the requests and tasks that
 * finished during the period (INFO when that was all), and when the period was not enough (WARN),
 * also the queued requests and tasks dropped and the running ones interrupted.
 *
 * <p>The {@linkplain #PHASE phase} makes the pool stop after the embedded web server, whose
 * graceful shutdown runs in phase {@code DEFAULT_PHASE - 1024} and whose stop runs in phase {@code
 * DEFAULT_PHASE - 2048}: requests still being served may put work on the pool, and that work gets
 * the full period too. If the context closes without having been started (a failed refresh), the
 * same shutdown runs when the bean is destroyed.
 */
public class ThreadPoolLifecycle implements SmartLifecycle, DisposableBean {

  /**
   * The lifecycle phase, lower than (so stopped after) the web server's graceful shutdown ({@code
   * DEFAULT_PHASE - 1024}) and stop ({@code DEFAULT_PHASE - 2048}).
   */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  /** How long stopped workers may take to exit after they have been interrupted. */
  static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

  private static final Log logger = LogFactory.getLog(ThreadPoolLifecycle.class);

  private final ThreadPool pool;
  private final Duration awaitTerminationPeriod;
  private final Duration exitTimeout;
  private volatile boolean running;
  private final AtomicBoolean shutDownStarted = new AtomicBoolean();

  /**
   * Creates the lifecycle of one pool.
   *
   * @param pool the pool to shut down
   * @param awaitTerminationPeriod how long to wait for queued and running work before stopping it
   * @throws IllegalArgumentException if {@code awaitTerminationPeriod} is negative
   */
  public ThreadPoolLifecycle(ThreadPool pool, Duration awaitTerminationPeriod) {
    this(pool, awaitTerminationPeriod, EXIT_TIMEOUT);
  }

  ThreadPoolLifecycle(ThreadPool pool, Duration awaitTerminationPeriod, Duration exitTimeout) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.exitTimeout = exitTimeout;
    Objects.requireNonNull(awaitTerminationPeriod, "awaitTerminationPeriod");
    if (awaitTerminationPeriod.isNegative()) {
      throw new IllegalArgumentException(
          "awaitTerminationPeriod must be >= 0, was " + awaitTerminationPeriod);
    }
    this.awaitTerminationPeriod = awaitTerminationPeriod;
  }

  /** Marks the pool as running; its workers started when it was built. */
  @Override
  public void start() {
    running = true;
  }

  /**
   * Shuts the pool down as described in the class comment. Blocks for up to the await-termination
   * period plus {@link #EXIT_TIMEOUT}. Calling it again has no effect.
   */
  @Override
  public void stop() {
    running = false;
    shutDownOnce();
  }

  /**
   * Shuts the pool down as {@link #stop()} does, on a thread of its own, and then runs {@code
   * callback}: the context stops every pool of this phase at once, so that N pools take one
   * await-termination period, not N, and {@code spring.lifecycle.timeout-per-shutdown-phase} bounds
   * the wait for all of them.
   */
  @Override
  public void stop(Runnable callback) {
    running = false;
    Runnable stopThenCallBack =
        () -> {
          try {
            shutDownOnce();
          } finally {
            callback.run();
          }
        };
    Thread stopper;
    try {
      stopper = new Thread(stopThenCallBack, "threadpool-stop-" + pool.name());
      stopper.setDaemon(true);
      stopper.start();
    } catch (RuntimeException | OutOfMemoryError cannotStartAThread) {
      stopThenCallBack.run();
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

  /**
   * Returns {@code false}: a stopped pool cannot be started again, so pausing the context ({@code
   * ConfigurableApplicationContext.pause()}, Spring Framework 7) leaves the pool running.
   */
  @Override
  public boolean isPauseable() {
    return false;
  }

  /** Shuts the pool down if {@link #stop()} has not (the context was never started). */
  @Override
  public void destroy() {
    running = false;
    shutDownOnce();
  }

  /**
   * Runs the shutdown the first time only: stop() and destroy() may both come, from two threads.
   */
  private void shutDownOnce() {
    if (shutDownStarted.compareAndSet(false, true)) {
      shutDown();
    }
  }

  private void shutDown() {
    if (pool.isTerminated() && pool.stats().queueDepth() == 0) {
      return;
    }
    long endedBefore = ended(pool.stats());
    pool.shutdown();
    boolean interrupted = false;
    boolean finished;
    try {
      finished = pool.awaitTermination(awaitTerminationPeriod.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
      finished = false;
    }
    long endedInPeriod = ended(pool.stats()) - endedBefore;
    // Stop even a terminated pool: a pool that could not start a worker to drain keeps its queue.
    List<Runnable> dropped = pool.shutdownNow();
    boolean exited;
    try {
      exited = pool.awaitTermination(exitTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
      exited = pool.isTerminated();
    }
    ThreadPoolStats stopped = pool.stats();
    // work still running when the period ended: it was interrupted, and ended since or still runs
    long stoppedRunning = ended(stopped) - endedBefore - endedInPeriod + stopped.busyWorkers();
    report(finished, endedInPeriod, dropped, stoppedRunning);
    if (stopped.pendingResults() > 0) {
      logger.warn(
          String.format(
              "Thread pool '%s' stops with %d results nobody polled: their callbacks will not run"
                  + " unless the application polls the pool",
              pool.name(), stopped.pendingResults()));
    }
    if (!exited) {
      logger.error(
          String.format(
              "Thread pool '%s': %d workers still busy %s after being stopped; a task ignores"
                  + " interrupts and its thread outlives the context",
              pool.name(), pool.stats().busyWorkers(), exitTimeout));
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Logs what the shutdown did: how much work finished while it waited, and, when the period was
   * not enough, how many queued requests and tasks it dropped and how many running ones it
   * interrupted.
   */
  private void report(boolean finished, long endedInPeriod, List<Runnable> dropped, long stopped) {
    long requests = dropped.stream().filter(WorkRequest.class::isInstance).count();
    long tasks = dropped.size() - requests;
    if (finished && dropped.isEmpty() && stopped == 0) {
      if (endedInPeriod > 0) {
        logger.info(
            String.format(
                "Thread pool '%s' finished its work before stopping: %d requests and tasks ended"
                    + " during the shutdown",
                pool.name(), endedInPeriod));
      }
      return;
    }
    logger.warn(
        String.format(
            "Thread pool '%s' did not finish its work within %s: %d requests and tasks finished in"
                + " that time, %d queued requests and %d queued tasks were dropped, %d running"
                + " were interrupted",
            pool.name(), awaitTerminationPeriod, endedInPeriod, requests, tasks, stopped));
  }

  /** The requests and tasks that have ended, normally or not. */
  private static long ended(ThreadPoolStats stats) {
    return stats.completed() + stats.failed();
  }
}
