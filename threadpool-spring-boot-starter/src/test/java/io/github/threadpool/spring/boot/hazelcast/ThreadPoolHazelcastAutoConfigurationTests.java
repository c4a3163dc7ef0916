package io.github.threadpool.spring.boot.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import io.github.threadpool.RequestPool;
import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import io.github.threadpool.hazelcast.HazelcastThreadPool;
import io.github.threadpool.spring.boot.ThreadPoolAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ThreadPoolHazelcastAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  HazelcastAutoConfiguration.class,
                  ThreadPoolAutoConfiguration.class,
                  ThreadPoolHazelcastAutoConfiguration.class))
          .withBean(Config.class, ThreadPoolHazelcastAutoConfigurationTests::loneMember)
          .withPropertyValues(
              "management.endpoints.web.exposure.include=threadpoolcluster",
              "threadpool.workers=2",
              "threadpool.max-workers=4",
              "threadpool.pools.grid.workers=3",
              "threadpool.pools.grid.cluster=true",
              "threadpool.pools.local.workers=1");

  /** A member that joins nobody: TCP-IP on 127.0.0.1 with no other address, multicast off. */
  static Config loneMember() {
    Config config = new Config();
    config.setClusterName("threadpool-starter-test-" + UUID.randomUUID());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.partition.count", "7");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    config.getNetworkConfig().setPort(25_000).setPortAutoIncrement(true).setPortCount(500);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    return config;
  }

  @Test
  void poolMarkedClusterWhenEnabledShouldBeAHazelcastThreadPoolInPlaceOfTheLocalOne() {
    runner
        .withPropertyValues("threadpool.cluster.enabled=true")
        .run(
            context -> {
              assertThat(context.getBean("gridThreadPool")).isInstanceOf(HazelcastThreadPool.class);
              HazelcastThreadPool grid =
                  context.getBean("gridThreadPool", HazelcastThreadPool.class);
              assertThat(grid.name()).isEqualTo("grid");
              assertThat(grid.workerCount()).isEqualTo(3);
              assertThat(grid.maxWorkers()).isEqualTo(4);
              assertThat(grid.memberCount()).isEqualTo(1);
              assertThat(grid.hazelcastInstance())
                  .isSameAs(context.getBean(HazelcastInstance.class));
              assertThat(context.getBeansOfType(ThreadPool.class))
                  .containsOnlyKeys("threadPool", "localThreadPool");

              AtomicReference<String> delivered = new AtomicReference<>();
              RequestPool pool = grid;
              pool.putRequest(
                  WorkRequest.of(new Greeting("cluster"), (r, text) -> delivered.set(text)));
              pool.waitForAll();
              assertThat(delivered).hasValue("hello cluster");
            });
  }

  @Test
  void poolNamedByClusterPoolKeyWhenEnabledShouldTakeTheTopLevelSizes() {
    runner
        .withPropertyValues("threadpool.cluster.enabled=true", "threadpool.cluster.pool=work")
        .run(
            context -> {
              HazelcastThreadPool work =
                  context.getBean("workThreadPool", HazelcastThreadPool.class);
              assertThat(work.workerCount()).isEqualTo(2);
              assertThat(work.maxWorkers()).isEqualTo(4);
              assertThat(context.getBean("gridThreadPool")).isInstanceOf(HazelcastThreadPool.class);
            });
  }

  @Test
  void poolsWhenClusterNotEnabledShouldStayLocal() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(HazelcastThreadPool.class);
          assertThat(context.getBean("gridThreadPool")).isInstanceOf(ThreadPool.class);
          assertThat(context).doesNotHaveBean(ThreadPoolClusterEndpoint.class);
        });
  }

  @Test
  void clusterWhenEnabledWithoutHazelcastInstanceShouldFailWithAMessageThatSaysSo() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ThreadPoolAutoConfiguration.class, ThreadPoolHazelcastAutoConfiguration.class))
        .withPropertyValues("threadpool.cluster.enabled=true", "threadpool.cluster.pool=work")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "threadpool.cluster.enabled is true, but there is no HazelcastInstance"));
  }

  @Test
  void clusterWhenThreadpoolHazelcastIsAbsentShouldKeepThePoolsLocal() {
    runner
        .withClassLoader(new FilteredClassLoader(HazelcastThreadPool.class))
        .withPropertyValues("threadpool.cluster.enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean("gridThreadPool")).isInstanceOf(ThreadPool.class);
            });
  }

  @Test
  void clusterPoolWhenNamedDefaultShouldFailNamingTheKey() {
    runner
        .withPropertyValues("threadpool.cluster.enabled=true", "threadpool.cluster.pool=default")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .hasStackTraceContaining("threadpool.cluster.pool")
                    .hasStackTraceContaining("a pool other than 'default'"));
  }

  @Test
  void metersWhenBoundShouldShowThisMembersSideAndTheMemberCount() {
    runner
        .withPropertyValues("threadpool.cluster.enabled=true")
        .run(
            context -> {
              SimpleMeterRegistry registry = new SimpleMeterRegistry();
              context.getBean(HazelcastThreadPoolMetrics.class).bindTo(registry);
              HazelcastThreadPool grid =
                  context.getBean("gridThreadPool", HazelcastThreadPool.class);

              assertThat(registry.get("threadpool.workers").tag("name", "grid").gauge().value())
                  .isEqualTo(3);
              assertThat(
                      registry
                          .get("threadpool.cluster.members")
                          .tag("name", "grid")
                          .gauge()
                          .value())
                  .isEqualTo(1);
              grid.putRequest(WorkRequest.of(new Greeting("meters")));
              grid.waitForAll();
              assertThat(
                      registry
                          .get("threadpool.requests.completed")
                          .tag("name", "grid")
                          .functionCounter()
                          .count())
                  .isEqualTo(1);
              assertThat(registry.get("threadpool.workers").meters()).hasSize(1);
            });
  }

  @Test
  void endpointWhenResizingShouldChangeThisMembersWorkersAndRefuseCountsOutOfRange() {
    runner
        .withPropertyValues("threadpool.cluster.enabled=true")
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration
                    .class))
        .run(
            context -> {
              ThreadPoolClusterEndpoint endpoint = context.getBean(ThreadPoolClusterEndpoint.class);
              HazelcastThreadPool grid =
                  context.getBean("gridThreadPool", HazelcastThreadPool.class);

              assertThat(endpoint.pools().pools()).containsOnlyKeys("grid");
              assertThat(endpoint.resize("grid", "1").workers()).isEqualTo(1);
              assertThat(grid.workerCount()).isEqualTo(1);
              assertThat(endpoint.pool("grid"))
                  .satisfies(
                      descriptor -> {
                        assertThat(descriptor).isNotNull();
                        assertThat(descriptor.members()).isEqualTo(1);
                        assertThat(descriptor.maxWorkers()).isEqualTo(4);
                      });
              assertThatThrownBy(() -> endpoint.resize("grid", "5"))
                  .isInstanceOf(InvalidEndpointRequestException.class)
                  .hasMessage("workers must be a whole number in 0..4, was '5'");
              assertThatThrownBy(() -> endpoint.resize("grid", "many"))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.resize("nope", "1"))
                  .isInstanceOf(InvalidEndpointRequestException.class)
                  .hasMessage("no cluster pool named 'nope'");
              assertThat(endpoint.pool("nope")).isNull();
              assertThat(grid.workerCount()).isEqualTo(1);
            });
  }

  /** A task any member can run. */
  record Greeting(String who) implements Callable<String>, Serializable {
    @Override
    public String call() {
      return "hello " + who;
    }
  }
}
