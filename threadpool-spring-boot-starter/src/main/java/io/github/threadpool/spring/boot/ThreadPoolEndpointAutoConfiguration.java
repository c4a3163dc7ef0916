package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpointRequestGuard;
import io.github.threadpool.spring.boot.change.ThreadPoolChangeRecorder;
import org.springframework.beans.factory.ListableBeanFactory;
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
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * Auto-configuration of the {@link ThreadPoolEndpoint} over every {@link ThreadPool} bean, when
 * Actuator is present and the endpoint is available (access not {@code none}, and exposed). An
 * auto-configured pool accepts up to its own {@code max-workers}, any other pool up to {@code
 * threadpool.max-workers}; changes are recorded by the {@link ThreadPoolChangeRecorder}. In a
 * servlet web application, a {@link ThreadPoolEndpointRequestGuard} holds the write operation to
 * its documented form: values in the JSON body, not in the query string.
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
   * Holds a POST to the endpoint to its documented form in a servlet web application (over its own
   * management port too: handler mappings and the dispatcher find interceptors and exception
   * resolvers in parent contexts).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass({MappedInterceptor.class, PathMappedEndpoints.class})
  static class RequestGuardConfiguration {

    /** The bean name of Spring MVC's own exception resolvers (WebMvcConfigurationSupport). */
    private static final String MVC_EXCEPTION_RESOLVERS = "handlerExceptionResolver";

    @Bean
    ThreadPoolEndpointRequestGuard threadPoolEndpointRequestGuard(
        ObjectProvider<PathMappedEndpoints> endpoints, ListableBeanFactory beanFactory) {
      EndpointId id = EndpointId.of(ThreadPoolEndpoint.ID);
      return new ThreadPoolEndpointRequestGuard(
          () -> {
            PathMappedEndpoints mapped = endpoints.getIfAvailable();
            return mapped != null ? mapped.getPath(id) : null;
          },
          () ->
              beanFactory.containsBean(MVC_EXCEPTION_RESOLVERS)
                  ? beanFactory.getBean(MVC_EXCEPTION_RESOLVERS, HandlerExceptionResolver.class)
                  : null);
    }

    @Bean
    MappedInterceptor threadPoolEndpointRequestGuardInterceptor(
        ThreadPoolEndpointRequestGuard threadPoolEndpointRequestGuard) {
      return new MappedInterceptor(null, threadPoolEndpointRequestGuard);
    }
  }
}
