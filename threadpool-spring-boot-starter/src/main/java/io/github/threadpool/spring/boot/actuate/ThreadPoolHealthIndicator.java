package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolStats;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the health of a {@link ThreadPool}:
 *
 * <ul>
 *   <li>{@code OUT_OF_SERVICE} once the pool is shut down: it accepts no more work;
 *   <li>{@code DOWN} when work waits in the request queue and the pool has no live worker: nothing
 *       will ever take it, since dismissed workers finish their running job and never take another;
 *   <li>{@code UP} otherwise, including while results wait to be polled, which needs no worker.
 * </ul>
 *
 * The details hold the pool's name, its workers (live, busy, dismissed), the queue depth and
 * capacity ({@code 0}: unbounded), and the pending requests and results. Uses the Spring Boot 4
 * health API ({@code spring-boot-health}).
 */
public class ThreadPoolHealthIndicator implements HealthIndicator {

  private final ThreadPool pool;

  /** Creates the indicator of {@code pool}. */
  public ThreadPoolHealthIndicator(ThreadPool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Health health() {
    ThreadPoolStats stats = pool.stats();
    Health.Builder builder;
    if (pool.isShutdown()) {
      builder = Health.outOfService();
    } else if (stats.workers() == 0 && stats.queueDepth() > 0) {
      builder = Health.down();
    } else {
      builder = Health.up();
    }
    return builder
        .withDetail("name", pool.name())
        .withDetail("workers", stats.workers())
        .withDetail("busyWorkers", stats.busyWorkers())
        .withDetail("dismissedWorkers", stats.dismissedWorkers())
        .withDetail("queueDepth", stats.queueDepth())
        .withDetail("queueCapacity", stats.queueCapacity())
        .withDetail("pendingRequests", stats.pendingRequests())
        .withDetail("pendingResults", stats.pendingResults())
        .build();
  }
}
