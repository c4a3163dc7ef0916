package io.github.threadpool.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.threadpool.ThreadPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.unit.DataSize;

@Timeout(30)
class BatchServiceTest {

  private final SampleProperties properties =
      new SampleProperties(
          3,
          10,
          1.0,
          Duration.ofSeconds(1),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          DataSize.ofKilobytes(64));

  @Test
  void submitWhenThePoolIsShutDownShouldFailEveryNumberWithTheReason() {
    try (ThreadPool pool = new ThreadPool(1)) {
      pool.shutdown();
      BatchService service = new BatchService(pool, new ResultPoller(pool, properties), properties);

      Batch.View view = service.submit(List.of(12, "35")).view();

      assertThat(view.status()).isEqualTo("COMPLETED");
      assertThat(view.failed()).isEqualTo(2);
      assertThat(view.failures())
          .allSatisfy(
              failure -> assertThat(failure.error()).contains("RejectedExecutionException"));
      assertThat(pool.pendingRequestCount()).isZero();
    }
  }

  @Test
  void submitWhenTheBatchIsInvalidShouldPutNothing() {
    try (ThreadPool pool = new ThreadPool(1)) {
      BatchService service = new BatchService(pool, new ResultPoller(pool, properties), properties);

      assertThatThrownBy(() -> service.submit(List.of(2, 3, 4, 5)))
          .isInstanceOf(InvalidBatchException.class)
          .hasMessage("numbers must hold at most 3 numbers, was 4");
      assertThatThrownBy(() -> service.submit(List.of(2, 2.5)))
          .isInstanceOf(InvalidBatchException.class)
          .hasMessageStartingWith("numbers[1] must be an integer between 2 and");
      assertThat(pool.stats().completed() + pool.pendingRequestCount()).isZero();
    }
  }
}
