package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.hazelcast.ClusterPoolNames;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.RuntimeBeanReference;
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
 *
 * <p>Both beans are made by factory methods of the {@link ThreadPoolFactory} bean, with the pool's
 * name as argument, so that Spring AOT can write their registration as code: with AOT the names are
 * those configured at build time, as for every bean definition.
 */
class NamedThreadPoolsRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

  private static final Log logger = LogFactory.getLog(NamedThreadPoolsRegistrar.class);

  private static final Bindable<Map<String, ThreadPoolProperties.Pool>> POOLS =
      Bindable.mapOf(String.class, ThreadPoolProperties.Pool.class);

  private @Nullable Environment environment;
  private @Nullable ClassLoader classLoader;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
    Map<String, ThreadPoolProperties.Pool> pools =
        Binder.get(Objects.requireNonNull(environment, "environment"))
            .bind(ThreadPoolProperties.PREFIX + ".pools", POOLS)
            .orElse(Map.of());
    Set<String> clusterPools = ClusterPoolNames.of(environment, classLoader);
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
      // Factory-method definitions, not instance suppliers: Spring AOT turns them into code.
      RootBeanDefinition pool = new RootBeanDefinition();
      pool.setTargetType(ThreadPool.class);
      pool.setFactoryBeanName(ThreadPoolAutoConfiguration.THREAD_POOL_FACTORY_BEAN_NAME);
      pool.setFactoryMethodName("create");
      pool.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
      // See DefaultThreadPoolConfiguration: the lifecycle shuts down gracefully, this only if the
      // context fails before the lifecycle exists.
      pool.setDestroyMethodName("shutdownNow");
      pool.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
      pool.setFallback(true);
      registry.registerBeanDefinition(beanName, pool);

      RootBeanDefinition lifecycle = new RootBeanDefinition();
      lifecycle.setTargetType(ThreadPoolLifecycle.class);
      lifecycle.setFactoryBeanName(ThreadPoolAutoConfiguration.THREAD_POOL_FACTORY_BEAN_NAME);
      lifecycle.setFactoryMethodName("lifecycle");
      lifecycle.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
      lifecycle
          .getConstructorArgumentValues()
          .addIndexedArgumentValue(1, new RuntimeBeanReference(beanName));
      registry.registerBeanDefinition(beanName + "Lifecycle", lifecycle);
    }
  }
}
