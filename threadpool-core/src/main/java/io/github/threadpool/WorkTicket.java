package io.github.threadpool;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link WorkObserver} sees of one request or task: when it was accepted, started and
 * finished, and which worker ran it. Times are {@link System#nanoTime()} readings; {@code 0} means
 * the event has not happened yet. A ticket is made only for pools with an observer.
 */
public final class WorkTicket {

  /** Where the work is. */
  public enum Phase {
    /** Accepted, waiting in the request queue. */
    QUEUED,
    /** Running on a worker. */
    RUNNING,
    /** Ran (or failed to start); a request's result may still wait to be delivered. */
    FINISHED,
    /** Handed back by {@link ThreadPool#shutdownNow()}; it never ran. */
    REMOVED
  }

  private final Runnable work;
  private final long acceptedNanos;
  private volatile Phase phase = Phase.QUEUED;
  private volatile long startedNanos;
  private volatile long finishedNanos;
  private volatile @Nullable Thread worker;

  WorkTicket(Runnable work, long acceptedNanos) {
    this.work = work;
    this.acceptedNanos = acceptedNanos;
  }

  /** Returns the request or task as it was given to the pool. */
  public Runnable work() {
    return work;
  }

  /** Returns the request's id, or {@code null} for a task that is not a {@link WorkRequest}. */
  public @Nullable Object requestId() {
    return work instanceof WorkRequest<?> request ? request.requestId() : null;
  }

  /** Returns where the work is now. */
  public Phase phase() {
    return phase;
  }

  /** Returns when the work was accepted. */
  public long acceptedNanos() {
    return acceptedNanos;
  }

  /** Returns when a worker started it, or {@code 0}. */
  public long startedNanos() {
    return startedNanos;
  }

  /** Returns when it finished, or {@code 0}. */
  public long finishedNanos() {
    return finishedNanos;
  }

  /** Returns the worker thread that runs or ran it, or {@code null} before it started. */
  public @Nullable Thread worker() {
    return worker;
  }

  void started(Thread thread, long nanos) {
    this.worker = thread;
    this.startedNanos = nanos;
    this.phase = Phase.RUNNING;
  }

  void finished(long nanos) {
    this.finishedNanos = nanos;
    this.phase = Phase.FINISHED;
  }

  void removed() {
    this.phase = Phase.REMOVED;
  }

  @Override
  public String toString() {
    return "WorkTicket[" + phase + "]";
  }
}
