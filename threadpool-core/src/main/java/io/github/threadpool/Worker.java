package io.github.threadpool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * A worker thread of a {@link ThreadPool}: it takes jobs from the request queue and runs them until
 * it is dismissed or the pool ends.
 *
 * <p>Dismissal and shutdown never interrupt a worker: they set a flag and wake the idle ones, which
 * check it under the request queue's take lock before they dequeue. So a worker that has taken a
 * job runs it (nothing is reordered or given back), and a running job is never interrupted, even
 * when it dismisses its own worker or shuts its own pool down. Only {@link
 * ThreadPool#shutdownNow()} interrupts workers, to stop running work. A worker's counters are
 * written by its own thread only, so workers share no counter.
 */
final class Worker implements Runnable, RequestQueue.Taker {

  // The outcome of the task being run, as its future saw it (see TrackedFuture).
  static final int COMPLETED = 0;
  static final int FAILED = 1;
  static final int SKIPPED = 2;

  private static final ThreadLocal<@Nullable Worker> CURRENT = new ThreadLocal<>();
  private static final VarHandle COMPLETED_COUNT;
  private static final VarHandle FAILED_COUNT;
  private static final VarHandle BUSY;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      COMPLETED_COUNT = lookup.findVarHandle(Worker.class, "completed", long.class);
      FAILED_COUNT = lookup.findVarHandle(Worker.class, "failed", long.class);
      BUSY = lookup.findVarHandle(Worker.class, "busy", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ThreadPool pool;
  final Thread thread;
  volatile boolean dismissed;

  /** The outcome of the task being run; written and read by this worker's thread only. */
  int outcome;

  // Written by this worker's thread only (release stores), read by stats() (acquire loads).
  @SuppressWarnings("UnusedVariable") // accessed through BUSY
  private boolean busy;

  private long completed;
  private long failed;

  Worker(ThreadPool pool, String threadName, boolean daemon) {
    this.pool = pool;
    // Workers do not inherit the inheritable thread-locals of whichever thread started them.
    this.thread = new Thread(null, this, threadName, 0, false);
    this.thread.setDaemon(daemon);
  }

  /** Returns the worker whose thread this is, or {@code null}. */
  static @Nullable Worker current() {
    return CURRENT.get();
  }

  @Override
  public void run() {
    CURRENT.set(this);
    pool.runWorker(this);
  }

  @Override
  public boolean mustStop() {
    return dismissed || pool.isStopping();
  }

  @Override
  public boolean stopWhenEmpty() {
    return pool.isShutdown();
  }

  void busy(boolean value) {
    BUSY.setRelease(this, value);
  }

  boolean isBusy() {
    return (boolean) BUSY.getAcquire(this);
  }

  void count(boolean succeeded) {
    if (succeeded) {
      COMPLETED_COUNT.setRelease(this, completed + 1);
    } else {
      FAILED_COUNT.setRelease(this, failed + 1);
    }
  }

  long completed() {
    return (long) COMPLETED_COUNT.getAcquire(this);
  }

  long failed() {
    return (long) FAILED_COUNT.getAcquire(this);
  }
}
