package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** Reads the values Spring Boot's binder refused from a failed start-up. */
final class InvalidProperties {

  private InvalidProperties() {}

  /** Returns the refused properties, in the order they were reported. */
  static List<FieldError> of(@Nullable Throwable startupFailure) {
    Throwable cause = startupFailure;
    while (cause != null && !(cause instanceof BindValidationException)) {
      cause = cause.getCause();
    }
    if (!(cause instanceof BindValidationException invalid)) {
      throw new AssertionError(
          "the start-up did not fail on a value the binder refused", startupFailure);
    }
    List<ObjectError> errors = invalid.getValidationErrors().getAllErrors();
    assertThat(errors).allMatch(FieldError.class::isInstance, "is a field error");
    return errors.stream().map(FieldError.class::cast).toList();
  }

  /** Returns the full key of a refused property, such as {@code threadpool.workers}. */
  static String key(FieldError error) {
    return error.getObjectName() + "." + error.getField();
  }
}
