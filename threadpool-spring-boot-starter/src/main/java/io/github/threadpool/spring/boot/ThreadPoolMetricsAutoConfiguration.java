package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ThreadPoolMetrics} of every {@link ThreadPool} bean, when
 * Micrometer is present. Spring Boot's metrics auto-configuration binds it to each meter registry;
 * its meters are removed when the context closes.
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass({ThreadPool.class, MeterBinder.class})
public class ThreadPoolMetricsAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ThreadPoolMetrics threadPoolMetrics(ObjectProvider<ThreadPool> threadPools) {
    return new ThreadPoolMetrics(threadPools::orderedStream, Tags.empty());
  }
}
