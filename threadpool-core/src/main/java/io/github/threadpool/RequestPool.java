package io.github.threadpool;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The seed's request API: {@linkplain WorkRequest work requests} go in through {@code putRequest},
 * their outcomes come back to the thread that calls {@code poll} or {@code waitForAll}, which runs
 * each request's callback. Code written against this interface runs on a local {@link ThreadPool}
 * and on a pool whose workers are elsewhere (a cluster), unchanged.
 *
 * <p>Every implementation keeps these promises: a request is <em>pending</em> from the moment a put
 * accepts it until its callback has run; each accepted request gets exactly one outcome, its result
 * callback or its exception callback, run on a polling thread, never on a worker; a put that throws
 * leaves no trace. See {@link ThreadPool} for the full contract of each method.
 */
public interface RequestPool extends AutoCloseable {

  /**
   * Puts a request, blocking while the pool cannot take it yet. Same as {@code putRequest(request,
   * true, null)}.
   *
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws IllegalStateException if the request was put already
   * @throws IllegalArgumentException if a request with an equal id is pending in this pool
   * @throws java.util.concurrent.RejectedExecutionException if the pool is shut down
   */
  void putRequest(WorkRequest<?> request);

  /**
   * Puts a request. Once this method returns, the request is pending; if it throws, the request was
   * not accepted and may be put again.
   *
   * @param request the request to run
   * @param block whether to wait while the pool cannot take the request yet
   * @param timeout how long to wait when blocking; {@code null} waits as long as it takes
   * @throws QueueFullException if the pool could not take the request in time
   */
  void putRequest(WorkRequest<?> request, boolean block, @Nullable Duration timeout);

  /**
   * Runs the callbacks of finished requests on this thread; blocking, until nothing is pending.
   *
   * @throws NoResultsPendingException if no request is pending
   * @throws NoWorkersAvailableException when blocking, if requests are pending and nothing is left
   *     that could run them
   */
  void poll(boolean block);

  /** Runs callbacks, as {@code poll(true)} does, until nothing is pending. */
  void waitForAll();

  /**
   * Runs callbacks until nothing is pending or the timeout elapses.
   *
   * @return {@code true} if nothing is pending, {@code false} if the timeout elapsed first
   */
  boolean waitForAll(Duration timeout);

  /** Returns the number of requests accepted whose callback has not run yet. */
  int pendingRequestCount();

  /** Returns the number of live workers. */
  int workerCount();

  /** Returns the pool's name. */
  String name();

  /** Returns a snapshot of the pool's sizes and counters. */
  ThreadPoolStats stats();

  /** Stops accepting requests, lets accepted ones finish, and releases the pool's threads. */
  @Override
  void close();
}
