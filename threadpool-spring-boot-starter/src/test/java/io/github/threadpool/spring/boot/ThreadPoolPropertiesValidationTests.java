package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class ThreadPoolPropertiesValidationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ThreadPoolAutoConfiguration.class));

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "workers                           | -1   | 0..64 (0 to threadpool.max-workers), was -1",
        "workers                           | 65   | 0..64 (0 to threadpool.max-workers), was 65",
        "max-workers                       | 0    | a number >= 1, was 0",
        "request-queue-capacity            | -1   | a number >= 0 (0: unbounded), was -1",
        "result-queue-capacity             | -2   | a number >= 0 (0: unbounded), was -2",
        "poll-timeout                      | 0s   | a positive duration, was 0ms",
        "poll-timeout                      | -1s  | a positive duration, was -1000ms",
        "shutdown.await-termination-period | -5s  | a duration >= 0, was -5000ms",
        "queue-timeout                     | -1s  | a duration >= 0 (0 or unset: no limit), was -1000ms",
        "run-timeout                       | -2ms | a duration >= 0 (0 or unset: no limit), was -2ms",
      })
  void startupWhenPropertyIsOutOfRangeShouldBeRefusedByTheBinderNamingKeyValueAndRange(
      String key, String value, String reason) {
    runner
        .withPropertyValues("threadpool." + key + "=" + value)
        .run(
            context -> {
              assertThat(context).hasFailed();
              List<FieldError> refused = InvalidProperties.of(context.getStartupFailure());
              assertThat(refused).hasSize(1);
              FieldError error = refused.get(0);
              assertThat(InvalidProperties.key(error)).isEqualTo("threadpool." + key);
              assertThat(error.getRejectedValue()).isEqualTo(value);
              assertThat(error.getDefaultMessage()).isEqualTo("must be " + reason);
              assertThat(Origin.from(error))
                  .hasToString("\"threadpool." + key + "\" from property source \"test\"");
            });
  }

  @Test
  void startupWhenSeveralValuesAreOutOfRangeShouldReportEachOnceNotAgainForThePoolsThatInheritIt() {
    runner
        .withPropertyValues(
            "threadpool.workers=10",
            "threadpool.max-workers=4",
            "threadpool.poll-timeout=0s",
            "threadpool.pools.io.result-queue-capacity=-1")
        .run(
            context ->
                assertThat(InvalidProperties.of(context.getStartupFailure()))
                    .extracting(InvalidProperties::key)
                    .containsExactly(
                        "threadpool.workers",
                        "threadpool.poll-timeout",
                        "threadpool.pools.io.result-queue-capacity"));
  }

  @Test
  void startupWhenPropertiesAreValidShouldNotFail() {
    runner
        .withPropertyValues(
            "threadpool.workers=0", "threadpool.shutdown.await-termination-period=0s")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ThreadPool.class));
  }

  @Test
  void applicationWhenAValueIsLongShouldQuoteOnlyItsStart() {
    String value = "-" + "0".repeat(200) + "1ms"; // -1ms, written long
    runner
        .withPropertyValues("threadpool.queue-timeout=" + value)
        .run(
            context -> {
              FieldError error = InvalidProperties.of(context.getStartupFailure()).get(0);
              assertThat(error.getRejectedValue())
                  .isEqualTo(value.substring(0, 40) + "… (204 characters)");
            });
  }

  @Test
  void applicationWhenConfigurationFileHasValuesOutOfRangeShouldReportKeyValueOriginAndRange(
      CapturedOutput output) {
    SpringApplication application = new SpringApplication(MinimalApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    ConfigurableApplicationContext context = null;
    try {
      context =
          application.run(
              "--spring.config.name=threadpool-invalid", "--spring.main.banner-mode=off");
    } catch (RuntimeException expected) {
      // reported below
    } finally {
      if (context != null) {
        context.close();
      }
    }

    assertThat(context).isNull();
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .containsSubsequence(
            "Property: threadpool.poll-timeout",
            "Value: \"0s\"",
            "Origin: class path resource [threadpool-invalid.yml]",
            " - 3:17",
            "Reason: must be a positive duration, was 0ms")
        .containsSubsequence(
            "Property: threadpool.pools.io.workers",
            "Value: \"10\"",
            "Origin: class path resource [threadpool-invalid.yml]",
            " - 2:12",
            "Reason: must be 0..2 (0 to threadpool.pools.io.max-workers), was 10 (inherited from"
                + " threadpool.workers)")
        .containsSubsequence(
            "Property: threadpool.pools.cpu.request-queue-capacity",
            "Value: \"-1\"",
            "Origin: class path resource [threadpool-invalid.yml]",
            " - 8:31",
            "Reason: must be a number >= 0 (0: unbounded), was -1")
        .doesNotContain("Property: threadpool.pools.cpu.poll-timeout")
        .contains("Update your application's configuration");
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class MinimalApplication {}
}
