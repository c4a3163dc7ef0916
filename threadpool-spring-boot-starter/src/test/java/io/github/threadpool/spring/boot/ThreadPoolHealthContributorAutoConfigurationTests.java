package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolHealthIndicator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolHealthContributorAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class,
                  ThreadPoolHealthContributorAutoConfiguration.class));

  @Test
  void healthWhenSpringBootHealthIsPresentShouldContributeThreadpool() {
    runner.run(
        context ->
            assertThat(context)
                .hasSingleBean(ThreadPoolHealthIndicator.class)
                .hasBean("threadpoolHealthIndicator"));
  }

  @Test
  void healthWhenDisabledShouldNotContribute() {
    runner
        .withPropertyValues("management.health.threadpool.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ThreadPoolHealthIndicator.class));
  }

  @Test
  void healthWhenSpringBootHealthIsMissingShouldBackOffAndKeepThePool() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(ThreadPool.class)
                    .doesNotHaveBean(ThreadPoolHealthIndicator.class));
  }

  @Test
  void boot3HealthWhenRunningOnBoot4ShouldStayOff() {
    runner
        .withConfiguration(
            AutoConfigurations.of(ThreadPoolBoot3HealthContributorAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(ThreadPoolHealthIndicator.class);
              assertThat(context.getBean("threadpoolHealthIndicator"))
                  .isInstanceOf(ThreadPoolHealthIndicator.class);
            });
  }

  @Test
  void healthWhenSeveralPoolsExistWithoutAPrimaryShouldNotGuess() {
    runner
        .withBean("a", ThreadPool.class, () -> ThreadPool.builder().name("a").build())
        .withBean("b", ThreadPool.class, () -> ThreadPool.builder().name("b").build())
        .run(context -> assertThat(context).doesNotHaveBean(ThreadPoolHealthIndicator.class));
  }
}
