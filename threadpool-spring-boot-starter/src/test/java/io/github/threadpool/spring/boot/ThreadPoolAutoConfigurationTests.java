package io.github.threadpool.spring.boot;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ThreadPoolAutoConfiguration.class));

  @Test
  void contextWhenNoPropertiesShouldProvidePoolNamedDefaultWithDefaults() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(ThreadPool.class).hasBean("threadPool");
          assertThat(context).hasSingleBean(ThreadPoolLifecycle.class);
          ThreadPool pool = context.getBean(ThreadPool.class);
          assertThat(pool.name()).isEqualTo("default");
          assertThat(pool.stats().workers()).isEqualTo(8);
          assertThat(pool.stats().queueCapacity()).isZero();
          assertThat(workerThreads("threadpool-default-"))
              .hasSize(8)
              .allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
        });
  }

  @Test
  void propertyDefaultsWhenUnsetShouldMatchTheCoreDefaults() {
    ThreadPoolProperties properties = new ThreadPoolProperties();

    assertThat(properties.getPollTimeout()).isEqualTo(ThreadPool.Builder.DEFAULT_POLL_TIMEOUT);
    assertThat(properties.getThreadNamePrefix())
        .isEqualTo(ThreadPool.Builder.DEFAULT_THREAD_NAME_PREFIX);
    assertThat(properties.isDaemon()).isTrue();
    assertThat(properties.getShutdown().getAwaitTerminationPeriod())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void propertiesWhenSetShouldConfigureThePool() {
    runner
        .withPropertyValues(
            "threadpool.workers=3",
            "threadpool.max-workers=5",
            "threadpool.request-queue-capacity=7",
            "threadpool.result-queue-capacity=2",
            "threadpool.poll-timeout=250ms",
            "threadpool.thread-name-prefix=bound-",
            "threadpool.daemon=false",
            "threadpool.shutdown.await-termination-period=2s")
        .run(
            context -> {
              ThreadPoolProperties properties = context.getBean(ThreadPoolProperties.class);
              assertThat(properties.getMaxWorkers()).isEqualTo(5);
              assertThat(properties.getResultQueueCapacity()).isEqualTo(2);
              assertThat(properties.getPollTimeout()).isEqualTo(Duration.ofMillis(250));
              assertThat(properties.getShutdown().getAwaitTerminationPeriod())
                  .isEqualTo(Duration.ofSeconds(2));
              ThreadPool pool = context.getBean(ThreadPool.class);
              assertThat(pool.stats().workers()).isEqualTo(3);
              assertThat(pool.stats().queueCapacity()).isEqualTo(7);
              assertThat(workerThreads("bound-default-"))
                  .hasSize(3)
                  .allSatisfy(thread -> assertThat(thread.isDaemon()).isFalse());
            });
  }

  @Test
  void resultQueueCapacityWhenSetShouldHoldBackWorkersUntilPolled() {
    runner
        .withPropertyValues("threadpool.workers=1", "threadpool.result-queue-capacity=1")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              for (int i = 0; i < 3; i++) {
                pool.putRequest(WorkRequest.of(() -> "done"));
              }
              // one result queued, the worker waits with the second, the third stays queued
              await()
                  .atMost(Duration.ofSeconds(5))
                  .until(
                      () -> pool.stats().pendingResults() == 1 && pool.stats().queueDepth() == 1);
              assertThat(pool.waitForAll(Duration.ofSeconds(5))).isTrue();
            });
  }

  @Test
  void userPoolWhenDefinedShouldBeUsedAndAutoConfiguredPoolShouldBackOff() {
    runner
        .withBean("myPool", ThreadPool.class, () -> ThreadPool.builder().name("mine").build())
        .run(
            context -> {
              assertThat(context).hasSingleBean(ThreadPool.class).doesNotHaveBean("threadPool");
              assertThat(context.getBean(ThreadPool.class).name()).isEqualTo("mine");
              assertThat(context).doesNotHaveBean(ThreadPoolLifecycle.class);
              assertThat(context).hasSingleBean(ThreadPoolProperties.class);
            });
  }

  @Test
  void customizersWhenPresentShouldBeAppliedInOrderAfterTheProperties() {
    runner
        .withPropertyValues("threadpool.workers=2")
        .withUserConfiguration(CustomizerConfiguration.class)
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              // "first" set 5 workers, "second" (later in order) saw 5 and added one
              assertThat(pool.stats().workers()).isEqualTo(6);
              assertThat(context.getBean(CustomizerConfiguration.class).calls)
                  .containsExactly("first", "second");
              assertThat(pool.submit(() -> "decorated").get(5, TimeUnit.SECONDS))
                  .isEqualTo("decorated");
              assertThat(context.getBean(CustomizerConfiguration.class).decorations).hasValue(1);
            });
  }

  @Test
  void contextWhenClosedShouldTerminateTheAutoConfiguredPool() {
    AtomicReference<ThreadPool> pool = new AtomicReference<>();
    runner.run(context -> pool.set(context.getBean(ThreadPool.class)));

    assertThat(requireNonNull(pool.get()).isTerminated()).isTrue();
    assertThat(workerThreads("threadpool-default-")).isEmpty();
  }

  static List<Thread> workerThreads(String prefix) {
    List<Thread> threads = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix) && thread.isAlive()) {
        threads.add(thread);
      }
    }
    return threads;
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomizerConfiguration {

    final List<String> calls = new ArrayList<>();
    final AtomicInteger decorations = new AtomicInteger();
    private int workers;

    @Bean
    @Order(2)
    ThreadPoolCustomizer second() {
      return builder -> {
        calls.add("second");
        builder.workers(workers + 1);
      };
    }

    @Bean
    @Order(1)
    ThreadPoolCustomizer first() {
      return builder -> {
        calls.add("first");
        workers = 5;
        builder
            .workers(workers)
            .taskDecorator(
                task -> {
                  decorations.incrementAndGet();
                  return task;
                });
      };
    }
  }
}
