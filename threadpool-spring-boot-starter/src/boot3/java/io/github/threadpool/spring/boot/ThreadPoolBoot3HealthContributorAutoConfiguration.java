package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code threadpool} health contributor on Spring Boot 3.x, whose health
 * API ({@code org.springframework.boot.actuate.health}) Spring Boot 4 replaced. The contributor is
 * a {@link Boot3ThreadPoolHealthIndicator}, reporting the same as the Boot 4 {@link
 * io.github.threadpool.spring.boot.actuate.ThreadPoolHealthIndicator}, or, with several pools, a
 * composite of one such indicator per pool, by pool name. Disabled with {@code
 * management.health.threadpool.enabled=false}; unlike Boot's own indicators it does not follow
 * {@code management.health.defaults.enabled}, whose condition class moved between the two lines.
 *
 * <p>This class and the indicator are compiled against Spring Boot 3's health API (the starter's
 * {@code src/boot3/java}) and ship in the same jar; on Spring Boot 4 the class condition, read
 * without loading the class, keeps them out.
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass({ThreadPool.class, HealthIndicator.class})
@ConditionalOnMissingClass(ThreadPoolHealthContributorAutoConfiguration.HEALTH_INDICATOR_CLASS)
@ConditionalOnProperty(
    prefix = "management.health.threadpool",
    name = "enabled",
    matchIfMissing = true)
@ConditionalOnBean(ThreadPool.class)
public class ThreadPoolBoot3HealthContributorAutoConfiguration {

  /** The bean name; without its "HealthIndicator" suffix it is the contributor's name. */
  static final String BEAN_NAME = "threadpoolHealthIndicator";

  @Bean(name = BEAN_NAME)
  @ConditionalOnMissingBean(name = BEAN_NAME)
  HealthContributor threadpoolHealthIndicator(ObjectProvider<ThreadPool> threadPools) {
    Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
    threadPools
        .orderedStream()
        .forEach(
            pool -> indicators.putIfAbsent(pool.name(), new Boot3ThreadPoolHealthIndicator(pool)));
    return indicators.size() == 1
        ? indicators.values().iterator().next()
        : CompositeHealthContributor.fromMap(indicators);
  }
}
