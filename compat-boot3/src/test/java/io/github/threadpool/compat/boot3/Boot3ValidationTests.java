package io.github.threadpool.compat.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.spring.boot.ThreadPoolAutoConfiguration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.FieldError;

/** The properties' own validation through Spring Boot 3.5's binder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Boot3ValidationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ThreadPoolAutoConfiguration.class));

  @Test
  void startupWhenANamedPoolInheritsAValueOutOfItsRangeShouldNameItsKeyValueOriginAndRange() {
    runner
        .withPropertyValues("threadpool.workers=3", "threadpool.pools.io.max-workers=2")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(BindValidationException.class);
              BindValidationException invalid =
                  (BindValidationException) rootCause(context.getStartupFailure());
              FieldError error = (FieldError) invalid.getValidationErrors().getAllErrors().get(0);
              assertThat(error.getObjectName() + "." + error.getField())
                  .isEqualTo("threadpool.pools.io.workers");
              assertThat(error.getRejectedValue()).isEqualTo("3");
              assertThat(error.getDefaultMessage())
                  .isEqualTo(
                      "must be 0..2 (0 to threadpool.pools.io.max-workers), was 3 (inherited"
                          + " from threadpool.workers)");
              assertThat(Origin.from(error))
                  .hasToString("\"threadpool.workers\" from property source \"test\"");
            });
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
