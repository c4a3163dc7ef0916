package io.github.threadpool.spring.boot.slowwork;

import io.github.threadpool.ThreadPool;
import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Published once for each request or task that waited in a pool's queue longer than its queue
 * timeout, or ran longer than its run timeout, while it still waits or runs. The source is the
 * pool. Published on the pool's watchdog thread, never on a worker.
 */
public class SlowWorkEvent extends ApplicationEvent {

  @Serial private static final long serialVersionUID = 1L;

  private final String poolName;
  private final SlowWorkKind kind;
  private final transient @Nullable Object requestId;
  private final @Nullable String workerName;
  private final Duration elapsed;
  private final Duration timeout;
  private final boolean interrupted;
  private final List<StackTraceElement> stackTrace;

  /**
   * Creates the event.
   *
   * @param pool the pool the work was put on
   * @param kind whether the work waited or ran too long
   * @param requestId the request's id, {@code null} for a task that is not a work request
   * @param workerName the name of the worker running the work, {@code null} while it waits
   * @param elapsed how long it had waited or run when it was detected
   * @param timeout the timeout it exceeded
   * @param interrupted whether its worker was interrupted
   * @param stackTrace the worker's stack when it was detected; empty for queued work
   */
  public SlowWorkEvent(
      ThreadPool pool,
      SlowWorkKind kind,
      @Nullable Object requestId,
      @Nullable String workerName,
      Duration elapsed,
      Duration timeout,
      boolean interrupted,
      List<StackTraceElement> stackTrace) {
    super(pool);
    this.poolName = pool.name();
    this.kind = Objects.requireNonNull(kind, "kind");
    this.requestId = requestId;
    this.workerName = workerName;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.interrupted = interrupted;
    this.stackTrace = List.copyOf(stackTrace);
  }

  /** Returns the name of the pool the work was put on. */
  public String getPoolName() {
    return poolName;
  }

  /** Returns whether the work waited or ran too long. */
  public SlowWorkKind getKind() {
    return kind;
  }

  /** Returns the request's id, or {@code null} for a task that is not a work request. */
  public @Nullable Object getRequestId() {
    return requestId;
  }

  /** Returns the name of the worker running the work, or {@code null} for queued work. */
  public @Nullable String getWorkerName() {
    return workerName;
  }

  /** Returns how long the work had waited or run when it was detected. */
  public Duration getElapsed() {
    return elapsed;
  }

  /** Returns the timeout the work exceeded. */
  public Duration getTimeout() {
    return timeout;
  }

  /** Returns whether the worker running the work was interrupted. */
  public boolean isInterrupted() {
    return interrupted;
  }

  /** Returns the worker's stack when the work was detected; empty for queued work. */
  public List<StackTraceElement> getWorkerStackTrace() {
    return stackTrace;
  }
}
