package io.github.threadpool.spring.boot.change;

import io.github.threadpool.ThreadPool;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * Published when the number of live workers of a {@link ThreadPool} has changed: through the
 * Actuator endpoint, or through the pool's {@code resize}, {@code createWorkers} or {@code
 * dismissWorkers}. Published synchronously, on the thread that made the change, after it.
 */
public class ThreadPoolChangedEvent extends ApplicationEvent {

  private static final long serialVersionUID = 1L;

  private final transient ThreadPool pool;
  private final ThreadPoolChange change;

  /**
   * Creates an event.
   *
   * @param pool the pool that changed; the event's source
   * @param change what changed, by whom and when
   */
  public ThreadPoolChangedEvent(ThreadPool pool, ThreadPoolChange change) {
    super(pool);
    this.pool = pool;
    this.change = Objects.requireNonNull(change, "change");
  }

  /** Returns the pool that changed. */
  public ThreadPool getPool() {
    return pool;
  }

  /** Returns what changed, by whom and when. */
  public ThreadPoolChange getChange() {
    return change;
  }
}
