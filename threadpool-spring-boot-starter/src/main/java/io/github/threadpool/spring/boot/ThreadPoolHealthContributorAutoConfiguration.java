package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolHealthIndicator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code threadpool} health contributor: a {@link
 * ThreadPoolHealthIndicator} of the application's {@link ThreadPool} or, with several pools, a
 * composite with one indicator per pool, by pool name. It needs the Spring Boot 4 health API
 * ({@code spring-boot-health}). The class condition names it as text and is the only condition on
 * this class, so that on Spring Boot 3.x the nested configuration, whose condition is a Boot 4
 * class, is never read. Disabled with {@code management.health.threadpool.enabled=false}.
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
  @ConditionalOnBean(ThreadPool.class)
  static class ThreadPoolHealthIndicatorConfiguration {

    // The bean name without its "HealthIndicator" suffix is the contributor's name: "threadpool".
    @Bean
    @ConditionalOnMissingBean(name = "threadpoolHealthIndicator")
    HealthContributor threadpoolHealthIndicator(ObjectProvider<ThreadPool> threadPools) {
      Map<String, ThreadPoolHealthIndicator> indicators = new LinkedHashMap<>();
      threadPools
          .orderedStream()
          .forEach(
              pool -> indicators.putIfAbsent(pool.name(), new ThreadPoolHealthIndicator(pool)));
      return indicators.size() == 1
          ? indicators.values().iterator().next()
          : CompositeHealthContributor.fromMap(indicators);
    }
  }
}
