package io.github.threadpool.spring.boot.cloud;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
 * Spring Cloud's own {@link ContextRefresher} re-reads the configuration file, publishes the {@code
 * EnvironmentChangeEvent}, and the pools follow: what {@code /actuator/refresh} and a Bus refresh
 * do, without HTTP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolContextRefresherTests {

  @TempDir Path directory;

  private ConfigurableApplicationContext start(String configuration) throws IOException {
    Path file = directory.resolve("threadpool.properties");
    Files.writeString(file, configuration);
    return new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.config.import=file:" + file,
            "management.endpoints.web.exposure.include=threadpool")
        .run();
  }

  private void write(String configuration) throws IOException {
    Files.writeString(directory.resolve("threadpool.properties"), configuration);
  }

  @Test
  void refreshAfterTheFileChangedShouldResizeThePool() throws IOException {
    try (ConfigurableApplicationContext context = start("threadpool.workers=2\n")) {
      ThreadPool pool = context.getBean(ThreadPool.class);
      write("threadpool.workers=4\nthreadpool.max-workers=12\n");

      assertThat(context.getBean(ContextRefresher.class).refresh())
          .contains("threadpool.workers", "threadpool.max-workers");

      assertThat(pool.workerCount()).isEqualTo(4);
      ThreadPoolChange change =
          requireNonNull(
              requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool("default"))
                  .lastChange());
      assertThat(change.source()).isEqualTo("config");
      assertThat(change.currentWorkers()).isEqualTo(4);
      assertThat(requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool("default")))
          .satisfies(
              pool1 -> {
                assertThat(pool1.maxWorkers()).isEqualTo(12);
                assertThat(pool1.configuredWorkers()).isEqualTo(4);
              });
    }
  }

  @Test
  void refreshWithAnInvalidValueShouldChangeNoPoolAndRecordTheRefusal() throws IOException {
    try (ConfigurableApplicationContext context = start("threadpool.workers=2\n")) {
      ThreadPool pool = context.getBean(ThreadPool.class);
      write("threadpool.workers=100\n");

      Throwable failure = catchThrowable(() -> context.getBean(ContextRefresher.class).refresh());

      assertThat(pool.workerCount()).isEqualTo(2);
      ThreadPoolChange change =
          requireNonNull(
              requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool("default"))
                  .lastChange());
      assertThat(change.refused()).contains("threadpool.workers", "0..64", "100");
      assertThat(failure).as("Spring Cloud's rebinder refuses it too").isNotNull();

      write("threadpool.workers=3\n");
      context.getBean(ContextRefresher.class).refresh();
      assertThat(pool.workerCount()).isEqualTo(3);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {}
}
