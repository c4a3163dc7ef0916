package io.github.threadpool;

/**
 * Receives the failure of a {@link WorkRequest} whose task threw.
 *
 * <p>Called on the thread that calls {@link ThreadPool#poll(boolean)} or {@link
 * ThreadPool#waitForAll()}, never on a worker thread, at most once per request. By the time it is
 * called, {@link WorkRequest#isException()} returns {@code true}. An exception thrown by the
 * callback propagates out of that {@code poll}/{@code waitForAll} call; the request counts as
 * delivered all the same.
 */
@FunctionalInterface
public interface ExceptionCallback {

  /**
   * Handles the failure of a request.
   *
   * @param request the very request object that was put into the pool
   * @param exception the throwable the task threw, exactly as thrown (not wrapped)
   */
  void onException(WorkRequest<?> request, Throwable exception);
}
