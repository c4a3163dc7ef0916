package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code threadpool} health contributor, a {@link
 * ThreadPoolHealthIndicator} of the application's {@link ThreadPool}. It needs the Spring Boot 4
 * health API ({@code spring-boot-health}). The class condition names it as text and is the only
 * condition on this class, so that on Spring Boot 3.x the nested configuration, whose condition is
 * a Boot 4 class, is never read. Disabled with {@code management.health.threadpool.enabled=false}.
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass(
    value = ThreadPool.class,
    name = ThreadPoolHealthContributorAutoConfiguration.HEALTH_INDICATOR_CLASS)
public class ThreadPoolHealthContributorAutoConfiguration {

  static final String HEALTH_INDICATOR_CLASS =
      "org.springframework.boot.health.contributor.HealthIndicator";

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnEnabledHealthIndicator("threadpool")
  @ConditionalOnSingleCandidate(ThreadPool.class)
  static class ThreadPoolHealthIndicatorConfiguration {

    // The bean name without its "HealthIndicator" suffix is the contributor's name: "threadpool".
    @Bean
    @ConditionalOnMissingBean(name = "threadpoolHealthIndicator")
    ThreadPoolHealthIndicator threadpoolHealthIndicator(ThreadPool threadPool) {
      return new ThreadPoolHealthIndicator(threadPool);
    }
  }
}
