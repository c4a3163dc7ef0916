package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolStats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of a {@link ThreadPool}, independent of any health API, so that the Spring Boot 4
 * {@link ThreadPoolHealthIndicator} and the Spring Boot 3 adapter report the same:
 *
 * <ul>
 *   <li>{@code OUT_OF_SERVICE} once the pool is shut down: it accepts no more work;
 *   <li>{@code DOWN} when work waits in the request queue and the pool has no live worker: nothing
 *       will ever take it, since dismissed workers finish their running job and never take another;
 *   <li>{@code UP} otherwise, including while results wait to be polled, which needs no worker.
 * </ul>
 *
 * @param status the status code: {@code UP}, {@code DOWN} or {@code OUT_OF_SERVICE}
 * @param details the pool's name, workers (live, busy, dismissed), queue depth and capacity ({@code
 *     0}: unbounded), and pending requests and results
 */
public record ThreadPoolHealthCheck(String status, Map<String, Object> details) {

  /** Creates a check holding an unmodifiable copy of {@code details}, in their order. */
  public ThreadPoolHealthCheck {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Checks {@code pool} as it is now. */
  public static ThreadPoolHealthCheck of(ThreadPool pool) {
    ThreadPoolStats stats = pool.stats();
    String status;
    if (pool.isShutdown()) {
      status = "OUT_OF_SERVICE";
    } else if (stats.workers() == 0 && stats.queueDepth() > 0) {
      status = "DOWN";
    } else {
      status = "UP";
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", pool.name());
    details.put("workers", stats.workers());
    details.put("busyWorkers", stats.busyWorkers());
    details.put("dismissedWorkers", stats.dismissedWorkers());
    details.put("queueDepth", stats.queueDepth());
    details.put("queueCapacity", stats.queueCapacity());
    details.put("pendingRequests", stats.pendingRequests());
    details.put("pendingResults", stats.pendingResults());
    return new ThreadPoolHealthCheck(status, details);
  }
}
