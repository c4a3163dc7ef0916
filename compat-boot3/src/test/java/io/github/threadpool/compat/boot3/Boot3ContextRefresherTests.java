package io.github.threadpool.compat.boot3;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import io.github.threadpool.spring.boot.change.ThreadPoolChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Live reconfiguration on Spring Boot 3.5 with Spring Cloud 2025.0: Spring Cloud's {@link
 * ContextRefresher} re-reads a changed file and the pools follow.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Boot3ContextRefresherTests {

  @TempDir Path directory;

  @Test
  void refreshAfterTheFileChangedShouldResizeThePoolAndRecordIt() throws IOException {
    Path file = directory.resolve("threadpool.properties");
    Files.writeString(file, "threadpool.workers=1\nthreadpool.pools.io.workers=2\n");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Application.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.config.import=file:" + file,
                "management.endpoints.web.exposure.include=threadpool")
            .run()) {
      ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);
      Files.writeString(
          file,
          "threadpool.workers=1\nthreadpool.pools.io.workers=4\n"
              + "threadpool.pools.io.request-queue-capacity=5\n");

      assertThat(context.getBean(ContextRefresher.class).refresh())
          .contains("threadpool.pools.io.workers");

      assertThat(io.workerCount()).isEqualTo(4);
      assertThat(io.stats().queueCapacity()).isEqualTo(5);
      ThreadPoolChange change =
          requireNonNull(
              requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool("io")).lastChange());
      assertThat(change.source()).isEqualTo("config");
      assertThat(change.previousWorkers()).isEqualTo(2);
      assertThat(change.currentWorkers()).isEqualTo(4);
      assertThat(context.getBean(ThreadPool.class).workerCount()).isEqualTo(1);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {}
}
