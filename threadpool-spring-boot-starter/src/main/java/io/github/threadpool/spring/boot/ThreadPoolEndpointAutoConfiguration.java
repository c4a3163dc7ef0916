package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpointQueryGuard;
import io.github.threadpool.spring.boot.change.ThreadPoolChangeRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * Auto-configuration of the {@link ThreadPoolEndpoint} over every {@link ThreadPool} bean, when
 * Actuator is present and the endpoint is available (access not {@code none}, and exposed). An
 * auto-configured pool accepts up to its own {@code max-workers}, any other pool up to {@code
 * threadpool.max-workers}; changes are recorded by the {@link ThreadPoolChangeRecorder}. In a
 * servlet web application, a {@link ThreadPoolEndpointQueryGuard} refuses the write operation's
 * values in a query string.
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass({ThreadPool.class, Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(endpoint = ThreadPoolEndpoint.class)
@EnableConfigurationProperties(ThreadPoolProperties.class)
public class ThreadPoolEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ThreadPoolEndpoint threadPoolEndpoint(
      ObjectProvider<ThreadPool> threadPools,
      ThreadPoolProperties properties,
      ObjectProvider<ThreadPoolFactory> factory,
      ObjectProvider<ThreadPoolChangeRecorder> recorder) {
    ThreadPoolFactory builtBy = factory.getIfAvailable();
    if (builtBy == null) {
      return new ThreadPoolEndpoint(
          threadPools::orderedStream,
          pool -> properties.getMaxWorkers(),
          pool -> null,
          recorder.getIfAvailable());
    }
    return new ThreadPoolEndpoint(
        threadPools::orderedStream,
        pool ->
            builtBy
                .settings(pool)
                .map(ThreadPoolSettings::maxWorkers)
                .orElse(properties.getMaxWorkers()),
        builtBy::startWorkers,
        recorder.getIfAvailable());
  }

  /**
   * Refuses the endpoint's values in the query string of a POST, in a servlet web application (over
   * its own management port too: handler mappings find the interceptor in parent contexts).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass({MappedInterceptor.class, PathMappedEndpoints.class})
  static class QueryGuardConfiguration {

    @Bean
    MappedInterceptor threadPoolEndpointQueryGuard(ObjectProvider<PathMappedEndpoints> endpoints) {
      EndpointId id = EndpointId.of(ThreadPoolEndpoint.ID);
      return new MappedInterceptor(
          null,
          new ThreadPoolEndpointQueryGuard(
              () -> {
                PathMappedEndpoints mapped = endpoints.getIfAvailable();
                return mapped != null ? mapped.getPath(id) : null;
              }));
    }
  }
}
