package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the {@code threadpool} health contributor on Spring Boot 3.x, whose health
 * API ({@code org.springframework.boot.actuate.health}) Spring Boot 4 replaced. The contributor is
 * a {@link Boot3HealthIndicatorAdapter} reporting the same as the Boot 4 {@link
 * io.github.threadpool.spring.boot.actuate.ThreadPoolHealthIndicator} or, with several pools, a
 * composite of one such indicator per pool, by pool name. Disabled with {@code
 * management.health.threadpool.enabled=false}; unlike Boot's own indicators it does not follow
 * {@code management.health.defaults.enabled}, whose condition class moved between the two lines.
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass(
    value = ThreadPool.class,
    name = Boot3HealthIndicatorAdapter.HEALTH_INDICATOR_CLASS)
@ConditionalOnMissingClass(ThreadPoolHealthContributorAutoConfiguration.HEALTH_INDICATOR_CLASS)
@ConditionalOnProperty(
    prefix = "management.health.threadpool",
    name = "enabled",
    matchIfMissing = true)
@ConditionalOnBean(ThreadPool.class)
@Import(ThreadPoolBoot3HealthContributorAutoConfiguration.Registrar.class)
public class ThreadPoolBoot3HealthContributorAutoConfiguration {

  /** The bean name; without its "HealthIndicator" suffix it is the contributor's name. */
  static final String BEAN_NAME = "threadpoolHealthIndicator";

  /** Registers the indicator with the Boot 3 interface as its type, so Boot 3 finds it. */
  static class Registrar
      implements ImportBeanDefinitionRegistrar, BeanFactoryAware, BeanClassLoaderAware {

    private @Nullable BeanFactory beanFactory;
    private @Nullable ClassLoader classLoader;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
      this.beanFactory = beanFactory;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(
        AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
      BeanFactory factory = beanFactory;
      if (factory == null || registry.containsBeanDefinition(BEAN_NAME)) {
        return;
      }
      Class<?> indicatorType =
          ClassUtils.resolveClassName(
              Boot3HealthIndicatorAdapter.HEALTH_INDICATOR_CLASS, classLoader);
      Class<?> contributorType =
          ClassUtils.resolveClassName(
              Boot3HealthIndicatorAdapter.HEALTH_CONTRIBUTOR_CLASS, classLoader);
      RootBeanDefinition definition = new RootBeanDefinition(contributorType);
      definition.setInstanceSupplier(
          () ->
              Boot3HealthIndicatorAdapter.contributor(
                  indicatorType, factory.getBeanProvider(ThreadPool.class).orderedStream()));
      registry.registerBeanDefinition(BEAN_NAME, definition);
    }
  }
}
