package io.github.threadpool.spring.boot.cloud;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.ThreadPoolAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolReconfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ThreadPoolEnvironmentChangeListener}, which applies a changed
 * {@code threadpool.*} configuration to the running pools, when Spring Cloud's {@code
 * spring-cloud-context} is on the classpath.
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass({ThreadPool.class, EnvironmentChangeEvent.class})
@ConditionalOnBean(ThreadPoolReconfigurer.class)
public class ThreadPoolRefreshAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ThreadPoolEnvironmentChangeListener threadPoolEnvironmentChangeListener(
      ApplicationContext context, ThreadPoolReconfigurer reconfigurer) {
    return new ThreadPoolEnvironmentChangeListener(context, reconfigurer);
  }
}
