package io.github.threadpool.spring.boot.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.github.threadpool.hazelcast.HazelcastThreadPool;
import io.github.threadpool.spring.boot.ThreadPoolAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolProperties;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the cluster-backed pools, when {@code threadpool.cluster.enabled=true} and
 * {@code threadpool-hazelcast} is present: with a {@link HazelcastInstance} bean (Spring Boot's
 * Hazelcast auto-configuration makes one from {@code hazelcast.yaml}), a {@link
 * HazelcastThreadPool} per {@linkplain ClusterPoolNames cluster pool name}, their meters (with
 * Micrometer) and the {@link ThreadPoolClusterEndpoint} (with Actuator); without one, start-up
 * fails with a message that says so, rather than leaving the application without the pool it
 * configured.
 */
@AutoConfiguration(
    after = ThreadPoolAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration",
      "org.springframework.boot.autoconfigure.hazelcast.HazelcastAutoConfiguration"
    })
@ConditionalOnClass({HazelcastThreadPool.class, HazelcastInstance.class})
@ConditionalOnProperty(prefix = ThreadPoolClusterProperties.PREFIX, name = "enabled")
@EnableConfigurationProperties({ThreadPoolClusterProperties.class, ThreadPoolProperties.class})
@Import({
  ThreadPoolHazelcastAutoConfiguration.ClusterPoolsConfiguration.class,
  ThreadPoolHazelcastAutoConfiguration.NoHazelcastInstanceConfiguration.class
})
public class ThreadPoolHazelcastAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(HazelcastInstance.class)
  @Import(HazelcastThreadPoolsRegistrar.class)
  static class ClusterPoolsConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {

      @Bean
      @ConditionalOnMissingBean
      HazelcastThreadPoolMetrics hazelcastThreadPoolMetrics(
          ObjectProvider<HazelcastThreadPool> pools) {
        return new HazelcastThreadPoolMetrics(pools::orderedStream);
      }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    @ConditionalOnAvailableEndpoint(endpoint = ThreadPoolClusterEndpoint.class)
    static class EndpointConfiguration {

      @Bean
      @ConditionalOnMissingBean
      ThreadPoolClusterEndpoint threadPoolClusterEndpoint(
          ObjectProvider<HazelcastThreadPool> pools) {
        return new ThreadPoolClusterEndpoint(pools::orderedStream);
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(HazelcastInstance.class)
  static class NoHazelcastInstanceConfiguration {

    @Bean
    Object threadPoolClusterWithoutHazelcastInstance() {
      throw new IllegalStateException(
          ThreadPoolClusterProperties.PREFIX
              + ".enabled is true, but there is no HazelcastInstance bean: add"
              + " org.springframework.boot:spring-boot-hazelcast (with a hazelcast.yaml) or"
              + " define one, or set "
              + ThreadPoolClusterProperties.PREFIX
              + ".enabled=false");
    }
  }
}
