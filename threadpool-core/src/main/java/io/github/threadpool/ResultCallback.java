package io.github.threadpool;

import org.jspecify.annotations.Nullable;

/**
 * Receives the result of a {@link WorkRequest} that completed normally.
 *
 * <p>Called on the thread that calls {@link ThreadPool#poll(boolean)} or {@link
 * ThreadPool#waitForAll()}, never on a worker thread, at most once per request. An exception thrown
 * by the callback propagates out of that {@code poll}/{@code waitForAll} call; the request counts
 * as delivered all the same.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface ResultCallback<T extends @Nullable Object> {

  /**
   * Handles the result of a request.
   *
   * @param request the very request object that was put into the pool
   * @param result the value its task returned, {@code null} included
   */
  void onResult(WorkRequest<T> request, T result);
}
