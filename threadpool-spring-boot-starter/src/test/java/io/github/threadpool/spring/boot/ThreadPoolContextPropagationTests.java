package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolContextPropagationTests {

  private static final String KEY = "requestId";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ThreadPoolAutoConfiguration.class))
          .withPropertyValues("threadpool.workers=1", "threadpool.pools.io.workers=1");

  @AfterEach
  void clearTheMdc() {
    MDC.clear();
  }

  @Test
  void mdcWhenContextPropagationIsPresentShouldReachTheTaskAndTheRequest() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(ThreadPoolContextPropagation.class);
          ThreadPool pool = context.getBean(ThreadPool.class);
          ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);

          MDC.put(KEY, "42");
          assertThat(pool.submit(() -> MDC.get(KEY)).get(10, TimeUnit.SECONDS)).isEqualTo("42");
          assertThat(io.submit(() -> MDC.get(KEY)).get(10, TimeUnit.SECONDS)).isEqualTo("42");
          AtomicReference<String> seenByTheRequest = new AtomicReference<>();
          pool.putRequest(
              WorkRequest.of(
                  () -> {
                    seenByTheRequest.set(MDC.get(KEY));
                    return null;
                  }));
          assertThat(pool.waitForAll(Duration.ofSeconds(10))).isTrue();
          assertThat(seenByTheRequest).hasValue("42");

          // restored afterwards: the worker does not keep the caller's MDC
          MDC.remove(KEY);
          assertThat(pool.submit(() -> Optional.ofNullable(MDC.get(KEY))).get(10, TimeUnit.SECONDS))
              .isEmpty();
        });
  }

  @Test
  void callbackWhenContextPropagationIsPresentShouldSeeThePollingThreadsOwnMdc() {
    runner.run(
        context -> {
          ThreadPool pool = context.getBean(ThreadPool.class);
          AtomicReference<String> seenByTheCallback = new AtomicReference<>();

          MDC.put(KEY, "putter");
          pool.putRequest(
              WorkRequest.of(
                  () -> MDC.get(KEY),
                  (request, value) -> seenByTheCallback.set(value + "/" + MDC.get(KEY))));
          MDC.put(KEY, "poller");
          assertThat(pool.waitForAll(Duration.ofSeconds(10))).isTrue();

          assertThat(seenByTheCallback).hasValue("putter/poller");
        });
  }

  @Test
  void mdcWhenContextPropagationIsMissingShouldNotReachTheTask() {
    runner
        .withClassLoader(new FilteredClassLoader("io.micrometer.context"))
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .doesNotHaveBean(ThreadPoolContextPropagation.class);
              ThreadPool pool = context.getBean(ThreadPool.class);

              MDC.put(KEY, "42");
              assertThat(
                      pool.submit(() -> Optional.ofNullable(MDC.get(KEY)))
                          .get(10, TimeUnit.SECONDS))
                  .isEmpty();
            });
  }

  @Test
  void mdcWhenContextPropagationIsDisabledShouldNotReachTheTask() {
    runner
        .withPropertyValues("threadpool.context-propagation.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ThreadPoolContextPropagation.class);
              MDC.put(KEY, "42");
              assertThat(
                      context
                          .getBean(ThreadPool.class)
                          .submit(() -> Optional.ofNullable(MDC.get(KEY)))
                          .get(10, TimeUnit.SECONDS))
                  .isEmpty();
            });
  }

  @Test
  void taskDecoratorBeansWhenSeveralShouldAllApplyInOrderToEveryPool() {
    runner
        .withUserConfiguration(Decorators.class)
        .run(
            context -> {
              Decorators decorators = context.getBean(Decorators.class);
              MDC.put(KEY, "42");

              context
                  .getBean(ThreadPool.class)
                  .submit(() -> decorators.events.add("task"))
                  .get(10, TimeUnit.SECONDS);

              // composed as Spring's CompositeTaskDecorator: the first decorates the work, the next
              // decorates that; the context is restored around all of them
              assertThat(decorators.events)
                  .containsExactly(
                      "decorate first", "decorate second", "second 42", "first 42", "task");

              decorators.events.clear();
              context
                  .getBean("ioThreadPool", ThreadPool.class)
                  .submit(() -> decorators.events.add("task"))
                  .get(10, TimeUnit.SECONDS);
              assertThat(decorators.events).hasSize(5).endsWith("task");
            });
  }

  @Test
  void taskDecoratorBeansWhenContextPropagationIsMissingShouldStillApply() {
    runner
        .withClassLoader(new FilteredClassLoader("io.micrometer.context"))
        .withUserConfiguration(Decorators.class)
        .run(
            context -> {
              Decorators decorators = context.getBean(Decorators.class);
              context
                  .getBean(ThreadPool.class)
                  .submit(() -> decorators.events.add("task"))
                  .get(10, TimeUnit.SECONDS);

              assertThat(decorators.events)
                  .containsExactly(
                      "decorate first", "decorate second", "second null", "first null", "task");
            });
  }

  @Test
  void customizerWhenItSetsATaskDecoratorShouldApplyAfterTheComposedOne() {
    AtomicReference<String> decoratedBy = new AtomicReference<>();
    runner
        .withBean(
            ThreadPoolCustomizer.class,
            () ->
                builder ->
                    builder.taskDecorator(
                        task -> {
                          decoratedBy.set("customizer");
                          return task;
                        }))
        .run(
            context -> {
              context.getBean(ThreadPool.class).submit(() -> {}).get(10, TimeUnit.SECONDS);
              assertThat(decoratedBy).hasValue("customizer");
            });
  }

  @Test
  void applicationsContextPropagatingDecoratorWhenPresentShouldBeUsedInsteadOfTheStartersOwn() {
    runner
        .withBean(
            ContextPropagatingTaskDecorator.class,
            () -> new ContextPropagatingTaskDecorator(ContextSnapshotFactory.builder().build()))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(ThreadPoolContextPropagation.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class Decorators {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Bean
    @Order(2)
    TaskDecorator second() {
      return decorator("second");
    }

    @Bean
    @Order(1)
    TaskDecorator first() {
      return decorator("first");
    }

    private TaskDecorator decorator(String name) {
      return task -> {
        events.add("decorate " + name);
        return () -> {
          events.add(name + " " + MDC.get(KEY));
          task.run();
        };
      };
    }
  }
}
