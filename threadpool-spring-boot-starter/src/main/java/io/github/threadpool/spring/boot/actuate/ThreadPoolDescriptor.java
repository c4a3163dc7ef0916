package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolStats;
import io.github.threadpool.spring.boot.change.ThreadPoolChange;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the {@code threadpool} endpoint tells about one pool: a {@linkplain ThreadPool#stats()
 * snapshot} of its sizes and counters, the largest size the endpoint accepts, the size it was
 * configured with, and its last change.
 *
 * @param name the pool's name
 * @param workers live (not dismissed) workers: the effective size
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
 * @param configuredWorkers the workers the pool started with, as configured; {@code null} for a
 *     pool the starter did not build
 * @param lastChange the last change of the pool's workers since start-up, or {@code null} if there
 *     was none (or changes are not recorded)
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
    int maxWorkers,
    @Nullable Integer configuredWorkers,
    @Nullable ThreadPoolChange lastChange)
    implements OperationResponseBody {

  /** Describes {@code pool} as it is now. */
  static ThreadPoolDescriptor of(
      ThreadPool pool,
      int maxWorkers,
      @Nullable Integer configuredWorkers,
      @Nullable ThreadPoolChange lastChange) {
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
        maxWorkers,
        configuredWorkers,
        lastChange);
  }
}
