package io.github.threadpool;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a {@link WorkRequest}'s life, for implementations of {@link RequestPool} other than
 * {@link ThreadPool} (a pool whose workers run elsewhere, say). Application code never needs it.
 *
 * <p>A pool {@linkplain #claim claims} a request when a put accepts it (or {@linkplain #release
 * releases} it when the put fails), runs its {@linkplain #task task} wherever it likes, records the
 * outcome with {@link #complete} or {@link #fail}, and, on the polling thread, {@linkplain #deliver
 * delivers} it to the request's callback. Each step is for exactly one caller: the pool that
 * claimed the request.
 */
public final class RequestPoolSupport {

  private RequestPoolSupport() {}

  /**
   * Marks {@code request} as put into a pool.
   *
   * @throws IllegalStateException if it was put already and not released
   */
  public static void claim(WorkRequest<?> request) {
    request.claim();
  }

  /**
   * Undoes {@link #claim} for a request that was not accepted after all, so it may be put again.
   */
  public static void release(WorkRequest<?> request) {
    request.unclaim();
  }

  /** Returns the task the request runs. */
  public static <T extends @Nullable Object> Callable<T> task(WorkRequest<T> request) {
    return request.task();
  }

  /** Returns whether the request's id was generated (and so equals no other request's id). */
  public static boolean hasGeneratedId(WorkRequest<?> request) {
    return request.hasGeneratedId();
  }

  /** Records that the request's task returned {@code result}. */
  public static <T extends @Nullable Object> void complete(WorkRequest<T> request, T result) {
    request.complete(result);
  }

  /**
   * Records that the request failed with {@code exception}; {@link WorkRequest#isException()} is
   * then true.
   */
  public static void fail(WorkRequest<?> request, Throwable exception) {
    request.fail(exception);
  }

  /**
   * Passes the recorded outcome to the request's result or exception callback, on this thread.
   * Whatever the callback throws propagates.
   */
  public static void deliver(WorkRequest<?> request) {
    request.deliver();
  }
}
