package io.github.threadpool;

/**
 * An immutable snapshot of a {@link ThreadPool}'s state, taken by {@link ThreadPool#stats()}.
 *
 * <p>The fields are read one after the other without stopping the pool, so under load they need not
 * add up exactly; each one is a value the pool really had during the call.
 *
 * @param workers live (not dismissed) worker threads
 * @param busyWorkers worker threads running a request or task now
 * @param dismissedWorkers dismissed worker threads that have not exited yet
 * @param queueDepth requests and tasks waiting in the request queue
 * @param queueCapacity capacity of the request queue, {@code 0} when unbounded
 * @param pendingRequests work requests put and not yet delivered to a callback
 * @param pendingResults results waiting in the result queue to be polled
 * @param completed requests and tasks that finished normally since the pool was created
 * @param failed requests and tasks that threw since the pool was created
 * @param rejected puts refused since the pool was created (queue full, shut down)
 */
public record ThreadPoolStats(
    int workers,
    int busyWorkers,
    int dismissedWorkers,
    int queueDepth,
    int queueCapacity,
    int pendingRequests,
    int pendingResults,
    long completed,
    long failed,
    long rejected) {

  /**
   * Returns the free places in a bounded request queue, or {@link Integer#MAX_VALUE} when the queue
   * is unbounded.
   */
  public int queueRemaining() {
    return queueCapacity == 0 ? Integer.MAX_VALUE : Math.max(0, queueCapacity - queueDepth);
  }
}
