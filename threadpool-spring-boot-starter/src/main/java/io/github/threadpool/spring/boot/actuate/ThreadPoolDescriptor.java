package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolStats;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the {@code threadpool} endpoint tells about one pool: a {@linkplain ThreadPool#stats()
 * snapshot} of its sizes and counters, and the largest size the endpoint accepts.
 *
 * @param name the pool's name
 * @param workers live (not dismissed) workers
 * @param busyWorkers workers running a request or task now
 * @param dismissedWorkers dismissed workers that have not exited yet
 * @param queueDepth requests and tasks waiting in the request queue
 * @param queueCapacity capacity of the request queue, {@code 0} when unbounded
 * @param pendingRequests work requests put and not yet delivered
 * @param pendingResults results waiting to be polled
 * @param completed requests and tasks that finished normally
 * @param failed requests and tasks that threw
 * @param rejected puts refused (queue full, shut down)
 * @param maxWorkers the largest worker count the endpoint accepts
 */
public record ThreadPoolDescriptor(
    String name,
    int workers,
    int busyWorkers,
    int dismissedWorkers,
    int queueDepth,
    int queueCapacity,
    int pendingRequests,
    int pendingResults,
    long completed,
    long failed,
    long rejected,
    int maxWorkers)
    implements OperationResponseBody {

  /** Describes {@code pool} as it is now. */
  static ThreadPoolDescriptor of(ThreadPool pool, int maxWorkers) {
    ThreadPoolStats stats = pool.stats();
    return new ThreadPoolDescriptor(
        pool.name(),
        stats.workers(),
        stats.busyWorkers(),
        stats.dismissedWorkers(),
        stats.queueDepth(),
        stats.queueCapacity(),
        stats.pendingRequests(),
        stats.pendingResults(),
        stats.completed(),
        stats.failed(),
        stats.rejected(),
        maxWorkers);
  }
}
