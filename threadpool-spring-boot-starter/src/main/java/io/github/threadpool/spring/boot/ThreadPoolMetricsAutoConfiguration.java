package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolMetrics;
import io.github.threadpool.spring.boot.actuate.ThreadPoolTimers;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetector;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetectors;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ThreadPoolMetrics} of every {@link ThreadPool} bean, when
 * Micrometer is present. Spring Boot's metrics auto-configuration binds it to each meter registry;
 * its meters are removed when the context closes. The pools the starter builds are also timed
 * ({@link ThreadPoolTimers}) and get the gauges of their configured and largest size and the counts
 * of their {@link SlowWorkDetector}; a pool of the application's own gets {@code
 * threadpool.workers.max} ({@code threadpool.max-workers}, the limit of the endpoint) besides the
 * meters read from its stats.
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass({ThreadPool.class, MeterBinder.class})
@EnableConfigurationProperties(ThreadPoolProperties.class)
public class ThreadPoolMetricsAutoConfiguration {

  @Bean
  WorkTimersFactory threadPoolWorkTimersFactory() {
    return ThreadPoolTimers::new;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ThreadPoolMetrics threadPoolMetrics(
      ObjectProvider<ThreadPool> threadPools,
      ThreadPoolProperties properties,
      ObjectProvider<ThreadPoolFactory> factory,
      ObjectProvider<SlowWorkDetectors> detectors) {
    return new ThreadPoolMetrics(
        threadPools::orderedStream,
        Tags.empty(),
        new StarterPoolDetails(
            properties,
            factory.getIfAvailable(),
            detectors.getIfAvailable(SlowWorkDetectors::new)));
  }

  /** What the starter knows of the pools, those it built and the application's own. */
  private record StarterPoolDetails(
      ThreadPoolProperties properties,
      @Nullable ThreadPoolFactory factory,
      SlowWorkDetectors detectors)
      implements ThreadPoolMetrics.PoolDetails {

    @Override
    public @Nullable Integer configuredWorkers(ThreadPool pool) {
      return factory != null ? factory.startWorkers(pool) : null;
    }

    @Override
    public Integer maxWorkers(ThreadPool pool) {
      return factory != null
          ? factory
              .settings(pool)
              .map(ThreadPoolSettings::maxWorkers)
              .orElse(properties.getMaxWorkers())
          : properties.getMaxWorkers();
    }

    @Override
    public @Nullable SlowWorkDetector detector(ThreadPool pool) {
      return detectors.find(pool).orElse(null);
    }

    @Override
    public @Nullable ThreadPoolTimers timers(ThreadPool pool) {
      return factory != null && factory.timers(pool) instanceof ThreadPoolTimers timers
          ? timers
          : null;
    }
  }
}
