package io.github.threadpool;

/**
 * Observes each request and task as it moves through a {@link ThreadPool}: the hooks behind wait
 * and run timers and slow-work detection. Register one with {@link
 * ThreadPool.Builder#observer(WorkObserver)}; a pool without an observer takes no timestamps.
 *
 * <p>The methods are called on the thread named in each, outside the pool's locks, and must be
 * quick: they run on the request path. {@link #started} and {@link #finished} of one piece of work
 * may be called before its {@link #queued} has returned (a worker may take the work at once), so an
 * observer that tracks work should go by {@link WorkTicket#phase()}. An exception thrown by an
 * observer is logged through {@link System.Logger} at {@code WARNING} and changes nothing in the
 * pool.
 */
public interface WorkObserver {

  /** Called on the putting thread once a request or task has been accepted into the queue. */
  default void queued(ThreadPool pool, WorkTicket ticket) {}

  /** Called on the worker just before the request or task runs. */
  default void started(ThreadPool pool, WorkTicket ticket) {}

  /**
   * Called on the worker right after the request or task ran (or its task decorator kept it from
   * running), before a request's result is queued.
   *
   * @param failed whether it threw
   */
  default void finished(ThreadPool pool, WorkTicket ticket, boolean failed) {}

  /** Called on the polling thread just before a finished request's callback runs. */
  default void delivering(ThreadPool pool, WorkTicket ticket) {}

  /**
   * Called when queued work will never run because {@link ThreadPool#shutdownNow()} handed it back,
   * on the thread that called it.
   */
  default void removed(ThreadPool pool, WorkTicket ticket) {}
}
