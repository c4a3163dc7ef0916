package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.hazelcast.ClusterPoolNames;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers, for each {@code threadpool.pools.<name>}, a {@link ThreadPool} bean {@code
 * <name>ThreadPool} with the qualifier {@code <name>}, and its {@link ThreadPoolLifecycle}. The
 * pools are fallback candidates: an injection point without a qualifier gets the default pool (or
 * the application's own), never a named one. The pools themselves are built from the bound and
 * validated {@link ThreadPoolProperties}; only their names are read here.
 */
class NamedThreadPoolsRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

  private static final Log logger = LogFactory.getLog(NamedThreadPoolsRegistrar.class);

  private static final Bindable<Map<String, ThreadPoolProperties.Pool>> POOLS =
      Bindable.mapOf(String.class, ThreadPoolProperties.Pool.class);

  private @Nullable Environment environment;
  private @Nullable BeanFactory beanFactory;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
    BeanFactory factory = Objects.requireNonNull(beanFactory, "beanFactory");
    Map<String, ThreadPoolProperties.Pool> pools =
        Binder.get(Objects.requireNonNull(environment, "environment"))
            .bind(ThreadPoolProperties.PREFIX + ".pools", POOLS)
            .orElse(Map.of());
    Set<String> clusterPools =
        ClusterPoolNames.of(
            Objects.requireNonNull(environment),
            factory instanceof ConfigurableBeanFactory configurable
                ? configurable.getBeanClassLoader()
                : null);
    for (String name : pools.keySet()) {
      if (clusterPools.contains(name)) {
        continue; // a HazelcastThreadPool of that name is registered by the cluster configuration
      }
      String beanName = name + ThreadPoolAutoConfiguration.NAMED_THREAD_POOL_BEAN_NAME_SUFFIX;
      if (registry.containsBeanDefinition(beanName)) {
        logger.warn(
            String.format(
                "threadpool.pools.%s is configured, but the application defines a bean named '%s':"
                    + " that bean is used and no pool is created from threadpool.pools.%s",
                name, beanName, name));
        continue;
      }
      RootBeanDefinition pool = new RootBeanDefinition(ThreadPool.class);
      pool.setInstanceSupplier(() -> factory.getBean(ThreadPoolFactory.class).create(name));
      // See DefaultThreadPoolConfiguration: the lifecycle shuts down gracefully, this only if the
      // context fails before the lifecycle exists.
      pool.setDestroyMethodName("shutdownNow");
      pool.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
      pool.setFallback(true);
      registry.registerBeanDefinition(beanName, pool);

      RootBeanDefinition lifecycle = new RootBeanDefinition(ThreadPoolLifecycle.class);
      lifecycle.setInstanceSupplier(
          () ->
              new ThreadPoolLifecycle(
                  factory.getBean(beanName, ThreadPool.class),
                  factory
                      .getBean(ThreadPoolProperties.class)
                      .settings(name)
                      .awaitTerminationPeriod()));
      registry.registerBeanDefinition(beanName + "Lifecycle", lifecycle);
    }
  }
}
