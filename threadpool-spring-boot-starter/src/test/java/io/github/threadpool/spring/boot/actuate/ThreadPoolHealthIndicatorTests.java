package io.github.threadpool.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolHealthIndicatorTests {

  @Test
  void healthWhenWorkersCanRunTheQueueShouldBeUpWithDetails() {
    try (ThreadPool pool =
        ThreadPool.builder().name("up").workers(2).requestQueueCapacity(10).build()) {
      Health health = new ThreadPoolHealthIndicator(pool).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails())
          .containsEntry("name", "up")
          .containsEntry("workers", 2)
          .containsEntry("queueDepth", 0)
          .containsEntry("queueCapacity", 10)
          .containsKeys("busyWorkers", "dismissedWorkers", "pendingRequests", "pendingResults");
    }
  }

  @Test
  void healthWhenWorkIsQueuedAndNoWorkerIsLeftShouldBeDown() {
    ThreadPool pool = ThreadPool.builder().name("down").build();
    try {
      pool.putRequest(WorkRequest.of(() -> "stranded"));

      Health health = new ThreadPoolHealthIndicator(pool).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("queueDepth", 1).containsEntry("workers", 0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void healthWhenOnlyResultsWaitForAPollShouldBeUp() throws InterruptedException {
    try (ThreadPool pool = ThreadPool.builder().name("results").workers(1).build()) {
      CountDownLatch ran = new CountDownLatch(1);
      pool.putRequest(
          WorkRequest.of(
              () -> {
                ran.countDown();
                return "done";
              }));
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      pool.dismissWorkers(1, true);

      Health health = new ThreadPoolHealthIndicator(pool).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("pendingRequests", 1);
    }
  }

  @Test
  void healthWhenPoolIsShutDownShouldBeOutOfService() {
    ThreadPool pool = ThreadPool.builder().name("closed").workers(1).build();
    pool.close();

    assertThat(new ThreadPoolHealthIndicator(pool).health().getStatus())
        .isEqualTo(Status.OUT_OF_SERVICE);
  }
}
