package io.github.threadpool.spring.boot;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.spring.boot.actuate.ThreadPoolDescriptor;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import io.github.threadpool.spring.boot.actuate.ThreadPoolHealthIndicator;
import io.github.threadpool.spring.boot.actuate.ThreadPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NamedThreadPoolsTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class,
                  ThreadPoolMetricsAutoConfiguration.class,
                  ThreadPoolEndpointAutoConfiguration.class,
                  ThreadPoolHealthContributorAutoConfiguration.class))
          .withPropertyValues(
              "management.endpoints.web.exposure.include=threadpool",
              "threadpool.workers=2",
              "threadpool.max-workers=4",
              "threadpool.request-queue-capacity=50",
              "threadpool.thread-name-prefix=app-",
              "threadpool.pools.io.workers=6",
              "threadpool.pools.io.max-workers=12",
              "threadpool.pools.io.thread-name-prefix=io-",
              "threadpool.pools.cpu.request-queue-capacity=7",
              "threadpool.pools.cpu.shutdown.await-termination-period=1s");

  @Test
  void namedPoolsWhenConfiguredShouldInheritEveryKeyTheyDoNotSet() {
    runner.run(
        context -> {
          ThreadPoolProperties properties = context.getBean(ThreadPoolProperties.class);
          ThreadPoolSettings io = properties.settings("io");
          ThreadPoolSettings cpu = properties.settings("cpu");

          assertThat(io.workers()).isEqualTo(6);
          assertThat(io.maxWorkers()).isEqualTo(12);
          assertThat(io.requestQueueCapacity()).isEqualTo(50);
          assertThat(io.threadNamePrefix()).isEqualTo("io-");
          assertThat(io.awaitTerminationPeriod()).isEqualTo(Duration.ofSeconds(30));
          assertThat(cpu.workers()).isEqualTo(2);
          assertThat(cpu.maxWorkers()).isEqualTo(4);
          assertThat(cpu.requestQueueCapacity()).isEqualTo(7);
          assertThat(cpu.threadNamePrefix()).isEqualTo("app-");
          assertThat(cpu.awaitTerminationPeriod()).isEqualTo(Duration.ofSeconds(1));

          ThreadPool ioPool = context.getBean("ioThreadPool", ThreadPool.class);
          ThreadPool cpuPool = context.getBean("cpuThreadPool", ThreadPool.class);
          assertThat(ioPool.name()).isEqualTo("io");
          assertThat(ioPool.stats().workers()).isEqualTo(6);
          assertThat(ioPool.stats().queueCapacity()).isEqualTo(50);
          assertThat(
                  ioPool.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
              .startsWith("io-io-");
          assertThat(cpuPool.stats().workers()).isEqualTo(2);
          assertThat(cpuPool.stats().queueCapacity()).isEqualTo(7);
          assertThat(
                  cpuPool.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
              .startsWith("app-cpu-");
        });
  }

  @Test
  void injectionWhenQualifiedShouldGetTheNamedPoolAndOtherwiseTheDefault() {
    runner
        .withUserConfiguration(Consumers.class)
        .run(
            context -> {
              Consumers consumers = context.getBean(Consumers.class);
              assertThat(consumers.io).isNotNull();
              assertThat(requireNonNull(consumers.io).name()).isEqualTo("io");
              assertThat(requireNonNull(consumers.cpu).name()).isEqualTo("cpu");
              assertThat(requireNonNull(consumers.plain).name()).isEqualTo("default");
              assertThat(context.getBean(ThreadPool.class).name()).isEqualTo("default");
              assertThat(context.getBeansOfType(ThreadPool.class))
                  .containsOnlyKeys("threadPool", "ioThreadPool", "cpuThreadPool");
              assertThat(context.getBeanFactory().getBeanDefinition("threadPool").isPrimary())
                  .isTrue();
            });
  }

  @Test
  void userPoolBeanWhenNamedPoolsAreConfiguredShouldReplaceOnlyTheDefaultPool() {
    runner
        .withBean("myPool", ThreadPool.class, () -> ThreadPool.builder().name("mine").build())
        .withUserConfiguration(Consumers.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(ThreadPool.class))
                  .containsOnlyKeys("myPool", "ioThreadPool", "cpuThreadPool");
              assertThat(context.getBean(ThreadPool.class).name()).isEqualTo("mine");
              Consumers consumers = context.getBean(Consumers.class);
              assertThat(requireNonNull(consumers.plain).name()).isEqualTo("mine");
              assertThat(requireNonNull(consumers.io).name()).isEqualTo("io");
              assertThat(context.getBeansOfType(ThreadPoolLifecycle.class))
                  .containsOnlyKeys("ioThreadPoolLifecycle", "cpuThreadPoolLifecycle");
              context.getBean("myPool", ThreadPool.class).shutdownNow();
            });
  }

  @Test
  void contextWhenClosedShouldShutDownEveryPool() {
    List<ThreadPool> pools = new ArrayList<>();
    runner.run(
        context -> {
          assertThat(context.getBeansOfType(ThreadPoolLifecycle.class))
              .containsOnlyKeys(
                  "threadPoolLifecycle", "ioThreadPoolLifecycle", "cpuThreadPoolLifecycle");
          pools.addAll(context.getBeansOfType(ThreadPool.class).values());
        });

    assertThat(pools)
        .hasSize(3)
        .allSatisfy(pool -> assertThat(pool.isTerminated()).as(pool.name()).isTrue());
  }

  @Test
  void contextWhenClosedWithWorkRunningOnANamedPoolShouldLetItFinish() {
    runner.run(
        context -> {
          ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);
          CountDownLatch release = new CountDownLatch(1);
          AtomicInteger finished = new AtomicInteger();
          for (int i = 0; i < 4; i++) {
            io.execute(
                () -> {
                  try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                      finished.incrementAndGet();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
          }
          Thread closer = new Thread(context::close, "closer");
          closer.start();

          await().atMost(Duration.ofSeconds(10)).until(io::isShutdown);
          assertThat(io.isTerminated()).isFalse();
          release.countDown();
          closer.join(TimeUnit.SECONDS.toMillis(20));

          assertThat(closer.isAlive()).isFalse();
          assertThat(finished).hasValue(4);
          assertThat(io.isTerminated()).isTrue();
        });
  }

  @Test
  void metersWhenSeveralPoolsShouldBeRegisteredPerPoolByName() {
    runner.run(
        context -> {
          MeterRegistry registry = new SimpleMeterRegistry();
          context.getBean(ThreadPoolMetrics.class).bindTo(registry);

          assertThat(registry.get("threadpool.workers").tag("name", "default").gauge().value())
              .isEqualTo(2);
          assertThat(registry.get("threadpool.workers").tag("name", "io").gauge().value())
              .isEqualTo(6);
          assertThat(registry.get("threadpool.workers").tag("name", "cpu").gauge().value())
              .isEqualTo(2);
          assertThat(registry.get("threadpool.queue.remaining").tag("name", "cpu").gauge().value())
              .isEqualTo(7);
          assertThat(registry.find("threadpool.requests.completed").functionCounters()).hasSize(3);
        });
  }

  @Test
  void metersWhenANamedPoolTerminatesShouldBeRemovedAndTheOthersKept() {
    runner.run(
        context -> {
          MeterRegistry registry = new SimpleMeterRegistry();
          context.getBean(ThreadPoolMetrics.class).bindTo(registry);
          ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);

          io.shutdown();

          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () ->
                      assertThat(registry.find("threadpool.workers").tag("name", "io").gauge())
                          .isNull());
          assertThat(registry.getMeters())
              .isNotEmpty()
              .allSatisfy(meter -> assertThat(meter.getId().getTag("name")).isNotEqualTo("io"));
          assertThat(registry.find("threadpool.workers").gauges()).hasSize(2);
        });
  }

  @Test
  void listenerBeansWhenDefinedShouldObserveEveryAutoConfiguredPool() {
    List<String> changes = new CopyOnWriteArrayList<>();
    runner
        .withBean(
            ThreadPoolListener.class,
            () ->
                new ThreadPoolListener() {
                  @Override
                  public void workersChanged(ThreadPool pool, int previous, int current) {
                    changes.add(pool.name() + " " + previous + "->" + current);
                  }
                })
        .run(
            context -> {
              context.getBean(ThreadPool.class).resize(3);
              context.getBean("ioThreadPool", ThreadPool.class).dismissWorkers(2);

              assertThat(changes).containsExactly("default 2->3", "io 6->4");
            });
  }

  @Test
  void endpointWhenSeveralPoolsShouldListAndOperateEachByName() {
    runner.run(
        context -> {
          ThreadPoolEndpoint endpoint = context.getBean(ThreadPoolEndpoint.class);

          assertThat(endpoint.pools().pools()).containsOnlyKeys("cpu", "default", "io");
          ThreadPoolDescriptor io = requireNonNull(endpoint.pool("io"));
          assertThat(io.maxWorkers()).isEqualTo(12);
          assertThat(io.configuredWorkers()).isEqualTo(6);
          assertThat(requireNonNull(endpoint.pool("cpu")).maxWorkers()).isEqualTo(4);

          ThreadPoolDescriptor resized = endpoint.resize("io", "10", null);

          assertThat(resized.workers()).isEqualTo(10);
          assertThat(resized.configuredWorkers()).isEqualTo(6);
          assertThat(context.getBean("ioThreadPool", ThreadPool.class).workerCount()).isEqualTo(10);
          assertThat(context.getBean(ThreadPool.class).workerCount()).isEqualTo(2);
          ThreadPoolDescriptor cpu = endpoint.dismiss("cpu", "1", "true", null);
          assertThat(cpu.workers()).isEqualTo(1);
        });
  }

  @Test
  void healthWhenSeveralPoolsShouldHaveOneComponentPerPool() {
    runner.run(
        context -> {
          assertThat(context).hasBean("threadpoolHealthIndicator");
          Object contributor = context.getBean("threadpoolHealthIndicator");
          assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
          List<String> names = new ArrayList<>();
          Map<String, String> statuses = new LinkedHashMap<>();
          ((HealthContributors) contributor)
              .stream()
                  .forEach(
                      entry -> {
                        names.add(entry.name());
                        statuses.put(
                            entry.name(),
                            requireNonNull(
                                    ((ThreadPoolHealthIndicator) entry.contributor()).health())
                                .getStatus()
                                .getCode());
                      });
          assertThat(names).containsExactlyInAnyOrder("default", "io", "cpu");
          assertThat(statuses).containsValues("UP").doesNotContainValue("DOWN");
        });
  }

  @Test
  void startupWhenNamedPoolIsInvalidShouldFailNamingItsKey() {
    runner
        .withPropertyValues("threadpool.pools.io.workers=-1")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FieldError error = InvalidProperties.of(context.getStartupFailure()).get(0);
              assertThat(InvalidProperties.key(error)).isEqualTo("threadpool.pools.io.workers");
              assertThat(error.getRejectedValue()).isEqualTo("-1");
              assertThat(error.getDefaultMessage())
                  .isEqualTo("must be 0..12 (0 to threadpool.pools.io.max-workers), was -1");
              assertThat(Origin.from(error))
                  .hasToString("\"threadpool.pools.io.workers\" from property source \"test\"");
            });
  }

  @Test
  void startupWhenNamedPoolInheritsAValueOutOfItsRangeShouldFailNamingItsKeyAndTheInheritedOne() {
    runner
        .withPropertyValues("threadpool.pools.cpu.max-workers=1")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FieldError error = InvalidProperties.of(context.getStartupFailure()).get(0);
              assertThat(InvalidProperties.key(error)).isEqualTo("threadpool.pools.cpu.workers");
              assertThat(error.getRejectedValue()).isEqualTo("2");
              assertThat(error.getDefaultMessage())
                  .isEqualTo(
                      "must be 0..1 (0 to threadpool.pools.cpu.max-workers), was 2 (inherited"
                          + " from threadpool.workers)");
              assertThat(Origin.from(error))
                  .hasToString("\"threadpool.workers\" from property source \"test\"");
            });
  }

  @Test
  void startupWhenNamedPoolIsCalledDefaultShouldFail() {
    runner
        .withPropertyValues("threadpool.pools.default.workers=1")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FieldError error = InvalidProperties.of(context.getStartupFailure()).get(0);
              assertThat(InvalidProperties.key(error)).isEqualTo("threadpool.pools.default");
              assertThat(error.getDefaultMessage())
                  .startsWith("must be a pool name other than 'default'");
              assertThat(Origin.from(error))
                  .hasToString(
                      "\"threadpool.pools.default.workers\" from property source \"test\"");
            });
  }

  @Test
  void startupWhenNamedPoolValueIsNotANumberShouldFailNamingTheKey() {
    runner
        .withPropertyValues("threadpool.pools.io.max-workers=lots")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(NumberFormatException.class);
              assertThat(context.getStartupFailure()).hasStackTraceContaining("threadpool.pools");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Consumers {

    @Nullable ThreadPool io;
    @Nullable ThreadPool cpu;
    @Nullable ThreadPool plain;

    @Bean
    String consumer(
        @Qualifier("io") ThreadPool io, @Qualifier("cpu") ThreadPool cpu, ThreadPool plain) {
      this.io = io;
      this.cpu = cpu;
      this.plain = plain;
      return "consumer";
    }
  }
}
