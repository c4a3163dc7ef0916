package io.github.threadpool.sample;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sample application.
 *
 * @param maxBatchSize the largest number of numbers one batch may hold
 * @param retainedBatches how many batches are kept for {@code GET /batches/{id}}, newest first
 * @param demoTimeScale factor applied to the demo's sleeps (1.0 sleeps as long as the original)
 * @param pollWait how long the polling thread waits for results before it checks for shutdown
 * @param putTimeout how long putting one number's request may wait for room in the request queue
 * @param retryAfter how long a client refused because the pool is saturated is asked to wait
 * @param maxRequestSize the largest request body accepted, in bytes
 */
@ConfigurationProperties("sample")
public record SampleProperties(
    int maxBatchSize,
    int retainedBatches,
    double demoTimeScale,
    Duration pollWait,
    Duration putTimeout,
    Duration retryAfter,
    DataSize maxRequestSize) {

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
    if (putTimeout.isNegative()) {
      throw new IllegalArgumentException("sample.put-timeout must be >= 0, was " + putTimeout);
    }
    if (retryAfter.toSeconds() < 1) {
      throw new IllegalArgumentException("sample.retry-after must be >= 1s, was " + retryAfter);
    }
    if (maxRequestSize.toBytes() < 1) {
      throw new IllegalArgumentException(
          "sample.max-request-size must be >= 1B, was " + maxRequestSize);
    }
  }
}
