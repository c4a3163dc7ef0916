package io.github.threadpool.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidThreadPoolPropertyException} at start-up: which key, which value, and
 * the allowed range.
 */
class ThreadPoolPropertiesFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidThreadPoolPropertyException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, InvalidThreadPoolPropertyException cause) {
    return new FailureAnalysis(
        "Invalid thread pool configuration: property '"
            + cause.getKey()
            + "' has the value '"
            + cause.getValue()
            + "', but it must be "
            + cause.getAllowed()
            + ".",
        "Change '" + cause.getKey() + "' to " + cause.getAllowed() + " in your configuration.",
        cause);
  }
}
