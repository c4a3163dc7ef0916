package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of a {@link ThreadPool} named {@value #DEFAULT_POOL_NAME}, configured from
 * {@link ThreadPoolProperties} and {@link ThreadPoolCustomizer} beans and shut down with the
 * context by a {@link ThreadPoolLifecycle}. Backs off, with its lifecycle, when the application
 * defines its own {@code ThreadPool} bean. Metrics, the Actuator endpoint and health are configured
 * by {@link ThreadPoolMetricsAutoConfiguration}, {@link ThreadPoolEndpointAutoConfiguration}, and
 * {@link ThreadPoolHealthContributorAutoConfiguration} (Spring Boot 4) or {@link
 * ThreadPoolBoot3HealthContributorAutoConfiguration} (Spring Boot 3).
 */
@AutoConfiguration
@ConditionalOnClass(ThreadPool.class)
@EnableConfigurationProperties(ThreadPoolProperties.class)
@Import(ThreadPoolAutoConfiguration.DefaultThreadPoolConfiguration.class)
public class ThreadPoolAutoConfiguration {

  /** The name of the auto-configured {@link ThreadPool} bean. */
  public static final String DEFAULT_THREAD_POOL_BEAN_NAME = "threadPool";

  /** The {@linkplain ThreadPool#name() name} of the auto-configured pool. */
  public static final String DEFAULT_POOL_NAME = "default";

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(ThreadPool.class)
  static class DefaultThreadPoolConfiguration {

    // ThreadPoolLifecycle shuts the pool down gracefully before beans are destroyed. If the
    // context fails before that lifecycle exists, shutdownNow() still ends the threads; close()
    // is not used because it may wait without limit.
    @Bean(name = DEFAULT_THREAD_POOL_BEAN_NAME, destroyMethod = "shutdownNow")
    ThreadPool threadPool(
        ThreadPoolProperties properties, ObjectProvider<ThreadPoolCustomizer> customizers) {
      ThreadPool.Builder builder = properties.applyTo(ThreadPool.builder()).name(DEFAULT_POOL_NAME);
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      return builder.build();
    }

    @Bean
    ThreadPoolLifecycle threadPoolLifecycle(
        @Qualifier(DEFAULT_THREAD_POOL_BEAN_NAME) ThreadPool threadPool,
        ThreadPoolProperties properties) {
      return new ThreadPoolLifecycle(
          threadPool, properties.getShutdown().getAwaitTerminationPeriod());
    }
  }
}
