package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.spring.boot.change.ThreadPoolChangeRecorder;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetectors;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Auto-configuration of the {@link ThreadPool}s: the default pool, named {@value
 * #DEFAULT_POOL_NAME} and {@code @Primary}, and one pool per {@code threadpool.pools.<name>},
 * injectable with {@code @Qualifier("<name>")}. Each is configured from {@link
 * ThreadPoolProperties}, decorated by the {@link TaskDecorator} beans and, with {@code
 * io.micrometer:context-propagation} present, by the propagation of the putting thread's context,
 * customized by the {@link ThreadPoolCustomizer} beans, observed by the {@link ThreadPoolListener}
 * beans and the {@link ThreadPoolChangeRecorder}, watched for slow work by a {@link
 * io.github.threadpool.spring.boot.slowwork.SlowWorkDetector} when a queue or run timeout is set
 * (or Micrometer is present), and shut down with the context by a {@link ThreadPoolLifecycle}. The
 * default pool, with its lifecycle, backs off when the application defines its own {@code
 * ThreadPool} bean; the named pools do not.
 *
 * <p>Metrics, the Actuator endpoint and health are configured by {@link
 * ThreadPoolMetricsAutoConfiguration}, {@link ThreadPoolEndpointAutoConfiguration}, and {@link
 * ThreadPoolHealthContributorAutoConfiguration} (Spring Boot 4) or {@code
 * ThreadPoolBoot3HealthContributorAutoConfiguration} (Spring Boot 3, compiled from {@code
 * src/boot3/java} against that line's health API).
 */
@AutoConfiguration
@ConditionalOnClass(ThreadPool.class)
@EnableConfigurationProperties(ThreadPoolProperties.class)
@Import({
  ThreadPoolAutoConfiguration.DefaultThreadPoolConfiguration.class,
  ThreadPoolAutoConfiguration.ContextPropagationConfiguration.class,
  NamedThreadPoolsRegistrar.class
})
public class ThreadPoolAutoConfiguration {

  /** The name of the auto-configured default {@link ThreadPool} bean. */
  public static final String DEFAULT_THREAD_POOL_BEAN_NAME = "threadPool";

  /** The {@linkplain ThreadPool#name() name} of the auto-configured default pool. */
  public static final String DEFAULT_POOL_NAME = "default";

  /**
   * The suffix of a named pool's bean name: the pool {@code io} is the bean {@code ioThreadPool}.
   */
  public static final String NAMED_THREAD_POOL_BEAN_NAME_SUFFIX = "ThreadPool";

  @Bean
  @ConditionalOnMissingBean
  ThreadPoolChangeRecorder threadPoolChangeRecorder(ApplicationEventPublisher publisher) {
    return new ThreadPoolChangeRecorder(publisher, Clock.systemUTC());
  }

  /** The name of the bean that builds the auto-configured pools. */
  static final String THREAD_POOL_FACTORY_BEAN_NAME = "threadPoolFactory";

  @Bean(name = THREAD_POOL_FACTORY_BEAN_NAME)
  ThreadPoolFactory threadPoolFactory(
      ThreadPoolProperties properties,
      ObjectProvider<ThreadPoolCustomizer> customizers,
      ObjectProvider<TaskDecorator> taskDecorators,
      ObjectProvider<ThreadPoolContextPropagation> contextPropagation,
      ObjectProvider<ThreadPoolListener> listeners,
      ThreadPoolChangeRecorder recorder,
      ObjectProvider<WorkTimersFactory> timers,
      SlowWorkDetectors slowWorkDetectors,
      ApplicationEventPublisher publisher) {
    return new ThreadPoolFactory(
        properties,
        customizers,
        taskDecorators,
        contextPropagation,
        listeners,
        recorder,
        timers,
        slowWorkDetectors,
        publisher);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  SlowWorkDetectors slowWorkDetectors() {
    return new SlowWorkDetectors();
  }

  // Imported before NamedThreadPoolsRegistrar runs, so that its condition sees the application's
  // pool beans only, never the named pools.
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(ThreadPool.class)
  static class DefaultThreadPoolConfiguration {

    // ThreadPoolLifecycle shuts the pool down gracefully before beans are destroyed. If the
    // context fails before that lifecycle exists, shutdownNow() still ends the threads; close()
    // is not used because it may wait without limit.
    @Bean(name = DEFAULT_THREAD_POOL_BEAN_NAME, destroyMethod = "shutdownNow")
    @Primary
    ThreadPool threadPool(ThreadPoolFactory factory) {
      return factory.create(DEFAULT_POOL_NAME);
    }

    @Bean
    ThreadPoolLifecycle threadPoolLifecycle(
        @Qualifier(DEFAULT_THREAD_POOL_BEAN_NAME) ThreadPool threadPool,
        ThreadPoolProperties properties) {
      return new ThreadPoolLifecycle(
          threadPool, properties.getShutdown().getAwaitTerminationPeriod());
    }
  }

  /**
   * Carries the putting thread's context (MDC, observation, tracing) to the worker, when {@code
   * io.micrometer:context-propagation} is present, unless the application already decorates with
   * Spring's {@link ContextPropagatingTaskDecorator}, which then reaches the pools as a {@link
   * TaskDecorator} bean.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ContextSnapshotFactory.class)
  @ConditionalOnProperty(
      prefix = ThreadPoolProperties.PREFIX + ".context-propagation",
      name = "enabled",
      matchIfMissing = true)
  @ConditionalOnMissingBean(ContextPropagatingTaskDecorator.class)
  static class ContextPropagationConfiguration implements BeanClassLoaderAware {

    private @Nullable ClassLoader classLoader;

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
    }

    @Bean
    ThreadPoolContextPropagation threadPoolContextPropagation(
        ObjectProvider<ContextSnapshotFactory> snapshotFactory) {
      ContextSnapshotFactory factory =
          snapshotFactory.getIfAvailable(() -> ContextSnapshotFactories.withMdc(classLoader));
      return new ThreadPoolContextPropagation(new ContextPropagatingTaskDecorator(factory));
    }
  }
}
