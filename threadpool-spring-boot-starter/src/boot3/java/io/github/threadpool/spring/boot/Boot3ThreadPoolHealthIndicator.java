package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolHealthCheck;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of a {@link ThreadPool} through the Spring Boot 3 health API: the same {@link
 * ThreadPoolHealthCheck} as the Spring Boot 4 indicator reports.
 */
final class Boot3ThreadPoolHealthIndicator implements HealthIndicator {

  private final ThreadPool pool;

  Boot3ThreadPoolHealthIndicator(ThreadPool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Health health() {
    ThreadPoolHealthCheck check = ThreadPoolHealthCheck.of(pool);
    return Health.status(check.status()).withDetails(check.details()).build();
  }

  @Override
  public String toString() {
    return "ThreadPoolHealthIndicator[" + pool.name() + "]";
  }
}
