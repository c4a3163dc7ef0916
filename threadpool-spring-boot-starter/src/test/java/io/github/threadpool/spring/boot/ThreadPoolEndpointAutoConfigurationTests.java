package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolDescriptor;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolEndpointAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class, ThreadPoolEndpointAutoConfiguration.class));

  @Test
  void endpointWhenExposedShouldBeAvailableOverTheDefaultPool() {
    runner
        .withPropertyValues(
            "management.endpoints.web.exposure.include=threadpool", "threadpool.max-workers=12")
        .run(
            context -> {
              assertThat(context).hasSingleBean(ThreadPoolEndpoint.class);
              ThreadPoolEndpoint endpoint = context.getBean(ThreadPoolEndpoint.class);
              assertThat(endpoint.pools().pools()).containsOnlyKeys("default");
              assertThat(endpoint.pool("default"))
                  .isNotNull()
                  .extracting(ThreadPoolDescriptor::maxWorkers)
                  .isEqualTo(12);
            });
  }

  @Test
  void endpointWhenNotExposedShouldNotBeCreated() {
    runner.run(
        context ->
            assertThat(context)
                .hasSingleBean(ThreadPool.class)
                .doesNotHaveBean(ThreadPoolEndpoint.class));
  }

  @Test
  void endpointWhenAccessIsNoneShouldNotBeCreated() {
    runner
        .withPropertyValues(
            "management.endpoints.web.exposure.include=threadpool",
            "management.endpoint.threadpool.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(ThreadPoolEndpoint.class));
  }

  @Test
  void endpointWhenActuatorIsMissingShouldBackOffAndKeepThePool() {
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=threadpool")
        .withClassLoader(new FilteredClassLoader(Endpoint.class))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(ThreadPool.class)
                    .doesNotHaveBean(ThreadPoolEndpoint.class));
  }

  @Test
  void endpointWhenUserPoolsAreDefinedShouldListEachByPoolName() {
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=*")
        .withBean("a", ThreadPool.class, () -> ThreadPool.builder().name("alpha").build())
        .withBean("b", ThreadPool.class, () -> ThreadPool.builder().name("beta").build())
        .run(
            context ->
                assertThat(context.getBean(ThreadPoolEndpoint.class).pools().pools())
                    .containsOnlyKeys("alpha", "beta"));
  }
}
