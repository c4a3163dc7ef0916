package io.github.threadpool.spring.boot.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.github.threadpool.hazelcast.HazelcastThreadPool;
import io.github.threadpool.spring.boot.InvalidThreadPoolPropertyException;
import io.github.threadpool.spring.boot.ThreadPoolAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolProperties;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers, for each {@linkplain ClusterPoolNames cluster-backed pool name}, a {@link
 * HazelcastThreadPool} bean {@code <name>ThreadPool} with the qualifier {@code <name>}, in place of
 * the local pool the starter would otherwise create under that name. Like the named local pools, it
 * is a fallback candidate, injected as a {@link io.github.threadpool.RequestPool} with
 * {@code @Qualifier("<name>")}, and closed with the context.
 */
class HazelcastThreadPoolsRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

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
    ClassLoader classLoader =
        factory instanceof ConfigurableBeanFactory configurable
            ? configurable.getBeanClassLoader()
            : null;
    for (String name :
        ClusterPoolNames.of(Objects.requireNonNull(environment, "environment"), classLoader)) {
      if (name.equals(ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME) || name.isBlank()) {
        throw new InvalidThreadPoolPropertyException(
            ThreadPoolClusterProperties.PREFIX + ".pool",
            name,
            "the name of a pool other than '"
                + ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME
                + "' (the default pool stays a local ThreadPool), not blank");
      }
      String beanName = name + ThreadPoolAutoConfiguration.NAMED_THREAD_POOL_BEAN_NAME_SUFFIX;
      if (registry.containsBeanDefinition(beanName)) {
        continue; // the application's own bean of that name wins
      }
      RootBeanDefinition pool = new RootBeanDefinition(HazelcastThreadPool.class);
      pool.setInstanceSupplier(() -> create(factory, name));
      pool.setDestroyMethodName("close");
      pool.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
      pool.setFallback(true);
      registry.registerBeanDefinition(beanName, pool);
    }
  }

  private static HazelcastThreadPool create(BeanFactory factory, String name) {
    ThreadPoolProperties properties = factory.getBean(ThreadPoolProperties.class);
    ThreadPoolProperties.Pool own = properties.getPools().get(name);
    int workers = properties.getWorkers();
    int maxWorkers = properties.getMaxWorkers();
    if (own != null) {
      workers = own.getWorkers() != null ? own.getWorkers() : workers;
      maxWorkers = own.getMaxWorkers() != null ? own.getMaxWorkers() : maxWorkers;
    }
    return HazelcastThreadPool.builder(factory.getBean(HazelcastInstance.class))
        .name(name)
        .workers(workers)
        .maxWorkers(maxWorkers)
        .build();
  }
}
