package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the health of a {@link ThreadPool} through the Spring Boot 4 health API ({@code
 * spring-boot-health}): {@code OUT_OF_SERVICE} once shut down, {@code DOWN} when work is queued and
 * no live worker is left, {@code UP} otherwise; see {@link ThreadPoolHealthCheck} for the reasons
 * and the details.
 */
public class ThreadPoolHealthIndicator implements HealthIndicator {

  private final ThreadPool pool;

  /** Creates the indicator of {@code pool}. */
  public ThreadPoolHealthIndicator(ThreadPool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Health health() {
    ThreadPoolHealthCheck check = ThreadPoolHealthCheck.of(pool);
    return Health.status(check.status()).withDetails(check.details()).build();
  }
}
