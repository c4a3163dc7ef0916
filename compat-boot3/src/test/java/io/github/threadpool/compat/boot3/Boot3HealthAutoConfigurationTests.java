package io.github.threadpool.compat.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.ThreadPoolAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolBoot3HealthContributorAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolHealthContributorAutoConfiguration;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's health auto-configurations on Spring Boot 3.5. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Boot3HealthAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class,
                  ThreadPoolHealthContributorAutoConfiguration.class,
                  ThreadPoolBoot3HealthContributorAutoConfiguration.class));

  @Test
  void healthWhenOnBoot3ShouldBeABoot3IndicatorAndTheBoot4OneShouldBeSkipped() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context)
              .getBeans(HealthIndicator.class)
              .containsOnlyKeys("threadpoolHealthIndicator");
          HealthIndicator indicator = context.getBean(HealthIndicator.class);
          // A class compiled against Boot 3's API, not a reflective proxy (which AOT cannot see).
          assertThat(Proxy.isProxyClass(indicator.getClass())).isFalse();
          assertThat(indicator.getClass().getName())
              .isEqualTo("io.github.threadpool.spring.boot.Boot3ThreadPoolHealthIndicator");
          Health health = indicator.health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails())
              .containsEntry("name", "default")
              .containsEntry("workers", 8);
          assertThat(context.getBean(HealthIndicator.class).getHealth(false).getDetails())
              .isEmpty();
        });
  }

  @Test
  void healthWhenPoolIsShutDownShouldBeOutOfService() {
    runner.run(
        context -> {
          context.getBean(ThreadPool.class).shutdown();
          assertThat(context.getBean(HealthIndicator.class).health().getStatus())
              .isEqualTo(Status.OUT_OF_SERVICE);
        });
  }

  @Test
  void healthWhenDisabledShouldNotContribute() {
    runner
        .withPropertyValues("management.health.threadpool.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
  }
}
