package io.github.threadpool.spring.boot;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

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
        "workers                           | -1   | -1       | 0..64",
        "workers                           | 65   | 65       | 0..64",
        "max-workers                       | 0    | 0        | a number >= 1",
        "request-queue-capacity            | -1   | -1       | a number >= 0",
        "result-queue-capacity             | -2   | -2       | a number >= 0",
        "poll-timeout                      | 0s   | 0ms      | a positive duration",
        "poll-timeout                      | -1s  | -1000ms  | a positive duration",
        "shutdown.await-termination-period | -5s  | -5000ms  | a duration >= 0",
        "queue-timeout                     | -1s  | -1000ms  | a duration >= 0 (0 or unset: no limit)",
        "run-timeout                       | -2ms | -2ms     | a duration >= 0 (0 or unset: no limit)",
      })
  void startupWhenPropertyIsOutOfRangeShouldFailNamingKeyValueAndRange(
      String key, String value, String shown, String range) {
    runner
        .withPropertyValues("threadpool." + key + "=" + value)
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("'threadpool." + key + "'")
                  .contains("value '" + shown + "'")
                  .contains(range);
              assertThat(analysis.getAction()).contains("threadpool." + key).contains(range);
              assertThat(analysis.getCause())
                  .isInstanceOf(InvalidThreadPoolPropertyException.class);
              assertThat(((InvalidThreadPoolPropertyException) analysis.getCause()).getKey())
                  .isEqualTo("threadpool." + key);
            });
  }

  @Test
  void startupWhenWorkersExceedConfiguredMaxShouldFailNamingTheMax() {
    runner
        .withPropertyValues("threadpool.workers=10", "threadpool.max-workers=4")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .isEqualTo(
                      "Invalid thread pool configuration: property 'threadpool.workers' has the"
                          + " value '10', but it must be 0..4 (0 to threadpool.max-workers).");
            });
  }

  @Test
  void startupWhenPropertiesAreValidShouldNotBeAnalyzedAsAFailure() {
    runner
        .withPropertyValues(
            "threadpool.workers=0", "threadpool.shutdown.await-termination-period=0s")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ThreadPool.class));
  }

  @Test
  void applicationWhenPropertyIsInvalidShouldReportTheAnalysisAtStartup(CapturedOutput output) {
    SpringApplication application = new SpringApplication(MinimalApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    ConfigurableApplicationContext context = null;
    try {
      context = application.run("--threadpool.workers=-3", "--spring.main.banner-mode=off");
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
        .contains("property 'threadpool.workers' has the value '-3', but it must be 0..64")
        .contains("Change 'threadpool.workers' to 0..64");
  }

  private static FailureAnalysis analyze(@Nullable Throwable failure) {
    FailureAnalysis analysis =
        new ThreadPoolPropertiesFailureAnalyzer().analyze(requireNonNull(failure, "no failure"));
    return requireNonNull(analysis, "the analyzer did not recognise the failure");
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class MinimalApplication {}
}
