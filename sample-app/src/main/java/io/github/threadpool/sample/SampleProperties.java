package io.github.threadpool.sample;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample application.
 *
 * @param maxBatchSize the largest number of numbers one batch may hold
 * @param retainedBatches how many batches are kept for {@code GET /batches/{id}}, newest first
 * @param demoTimeScale factor applied to the demo's sleeps (1.0 sleeps as long as the original)
 * @param pollWait how long the polling thread waits for results before it checks for shutdown
 */
@ConfigurationProperties("sample")
public record SampleProperties(
    int maxBatchSize, int retainedBatches, double demoTimeScale, Duration pollWait) {

  public SampleProperties {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("sample.max-batch-size must be >= 1, was " + maxBatchSize);
    }
    if (retainedBatches < 1) {
      throw new IllegalArgumentException(
          "sample.retained-batches must be >= 1, was " + retainedBatches);
    }
    if (!(demoTimeScale > 0)) {
      throw new IllegalArgumentException(
          "sample.demo-time-scale must be > 0, was " + demoTimeScale);
    }
    if (pollWait.isNegative() || pollWait.isZero()) {
      throw new IllegalArgumentException("sample.poll-wait must be > 0, was " + pollWait);
    }
  }
}
