package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC 2, behaviours 5 and 7: putRequest, request ids and the bounded queues. */
@Timeout(30)
class ThreadPoolPutRequestTest extends PoolTestSupport {

  /** Two ids that are not equal but share a hash code, as Python's flaw would merge them. */
  private record CollidingId(String label) {
    @Override
    public int hashCode() {
      return 42;
    }
  }

  @Test
  void putRequest_withNull_throwsNpeNamingTheParameter() {
    ThreadPool pool = pool(1);

    assertThatThrownBy(() -> pool.putRequest(nullRequest()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("request");
    assertThatThrownBy(() -> pool.putRequest(nullRequest(), false, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("request");
  }

  @Test
  void putRequest_withNegativeTimeout_throwsIaeAndLeavesNoTrace() {
    ThreadPool pool = pool(0);
    WorkRequest<Integer> request = WorkRequest.of(() -> 1);

    assertThatThrownBy(() -> pool.putRequest(request, true, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be >= 0, was PT-1S");

    assertThat(pool.pendingRequestCount()).isZero();
    pool.putRequest(request); // still new: may be put
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
  }

  @Test
  void putRequest_twice_throwsIllegalState() {
    ThreadPool pool = pool(0);
    WorkRequest<Integer> request = WorkRequest.of(() -> 1);
    pool.putRequest(request);

    assertThatThrownBy(() -> pool.putRequest(request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(String.valueOf(request.requestId()))
        .hasMessageContaining("already been put");
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    assertThat(pool.stats().queueDepth()).isEqualTo(1);
  }

  @Test
  void putRequest_afterDelivery_throwsIllegalState() {
    ThreadPool pool = pool(1);
    WorkRequest<Integer> request = WorkRequest.of(() -> 1);
    pool.putRequest(request);
    pool.waitForAll();

    assertThatThrownBy(() -> pool.putRequest(request)).isInstanceOf(IllegalStateException.class);
    ThreadPool other = pool(1);
    assertThatThrownBy(() -> other.putRequest(request)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void putRequest_withIdOfPendingRequest_throwsIaeAndLeavesNoTrace() {
    ThreadPool pool = pool(0);
    WorkRequest<String> first = WorkRequest.builder(() -> "first").requestId("job-1").build();
    WorkRequest<String> second = WorkRequest.builder(() -> "second").requestId("job-1").build();
    pool.putRequest(first);

    assertThatThrownBy(() -> pool.putRequest(second))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job-1")
        .hasMessageContaining("already pending");
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    assertThat(pool.stats().queueDepth()).isEqualTo(1);

    // once the first is delivered, the refused one may be put (it was left untouched)
    List<String> delivered = new ArrayList<>();
    pool.createWorkers(1);
    pool.waitForAll();
    WorkRequest<String> third =
        WorkRequest.builder(() -> "third")
            .requestId("job-1")
            .callback((r, v) -> delivered.add(v))
            .build();
    pool.putRequest(third);
    pool.waitForAll();
    assertThat(delivered).containsExactly("third");
    pool.putRequest(second);
    pool.waitForAll();
  }

  @Test
  void putRequest_keepsCustomIdsVerbatim_distinctIdsWithEqualHashCodesBothWork() {
    ThreadPool pool = pool(2);
    CollidingId a = new CollidingId("a");
    CollidingId b = new CollidingId("b");
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a).isNotEqualTo(b);
    List<Object> deliveredIds = new ArrayList<>();
    WorkRequest<String> first =
        WorkRequest.builder(() -> "A")
            .requestId(a)
            .callback((r, v) -> deliveredIds.add(r.requestId()))
            .build();
    WorkRequest<String> second =
        WorkRequest.builder(() -> "B")
            .requestId(b)
            .callback((r, v) -> deliveredIds.add(r.requestId()))
            .build();
    assertThat(first.requestId()).isSameAs(a);

    pool.putRequest(first);
    pool.putRequest(second);
    assertThat(pool.pendingRequestCount()).isEqualTo(2);
    pool.waitForAll();

    assertThat(deliveredIds).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void workRequest_generatedIds_areUniqueAndEqualNothingElse() {
    Set<Object> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(WorkRequest.of(() -> 1).requestId());
    }
    assertThat(ids).hasSize(10_000);
    Object id = WorkRequest.of(() -> 1).requestId();
    assertThat(id).isNotEqualTo(id.toString()).isNotEqualTo(id.hashCode());
  }

  @Test
  void putRequest_afterShutdown_throwsRejectedAndLeavesNoTrace() {
    ThreadPool pool = pool(1);
    pool.shutdown();
    WorkRequest<Integer> request = WorkRequest.of(() -> 1);

    assertThatThrownBy(() -> pool.putRequest(request))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining(pool.name());

    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(pool.stats().rejected()).isEqualTo(1);
    request.run(); // still new: the caller may run it
    assertThat(request.isException()).isFalse();
  }

  @Test
  void putRequest_nonBlockingOnFullQueue_throwsQueueFullAndLeavesNoTrace() {
    ThreadPool pool = track(ThreadPool.builder().workers(0).requestQueueCapacity(2).build());
    pool.putRequest(WorkRequest.of(() -> 1));
    pool.putRequest(WorkRequest.of(() -> 2));
    WorkRequest<Integer> third = WorkRequest.of(() -> 3);

    assertThatThrownBy(() -> pool.putRequest(third, false, null))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining(pool.name())
        .hasMessageContaining("capacity 2");

    assertThat(pool.pendingRequestCount()).isEqualTo(2);
    assertThat(pool.stats().queueDepth()).isEqualTo(2);
    assertThat(pool.stats().rejected()).isEqualTo(1);
    assertThat(pool.stats().queueRemaining()).isZero();
    // the same request can be put once there is room
    pool.createWorkers(1);
    pool.putRequest(third);
    pool.waitForAll();
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void putRequest_blockingWithTimeoutOnFullQueue_throwsQueueFullAfterTimeout() {
    ThreadPool pool = track(ThreadPool.builder().workers(0).requestQueueCapacity(1).build());
    pool.putRequest(WorkRequest.of(() -> 1));
    WorkRequest<Integer> second = WorkRequest.builder(() -> 2).requestId("second").build();

    assertThatThrownBy(() -> pool.putRequest(second, true, Duration.ofMillis(30)))
        .isInstanceOf(QueueFullException.class);

    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    // the id is free again: neither the request nor its id left a trace
    pool.createWorkers(1);
    pool.waitForAll();
    pool.putRequest(WorkRequest.builder(() -> 3).requestId("second").build());
    pool.waitForAll();
  }

  @Test
  void putRequest_blockingOnFullQueue_waitsUntilThereIsRoom() {
    ThreadPool pool = track(ThreadPool.builder().workers(1).requestQueueCapacity(1).build());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 0)));
    awaitLatch(started);
    pool.putRequest(WorkRequest.of(() -> 1)); // fills the queue
    AtomicReference<Thread> putter = new AtomicReference<>();
    CompletableFuture<Void> blockedPut =
        CompletableFuture.runAsync(
            () -> {
              putter.set(Thread.currentThread());
              pool.putRequest(WorkRequest.of(() -> 2));
            },
            command -> new Thread(command).start());
    await().atMost(PATIENCE).until(() -> putter.get() != null && isWaiting(putter.get()));
    assertThat(blockedPut).isNotDone();

    release.countDown();

    assertThat(blockedPut).succeedsWithin(PATIENCE);
    pool.waitForAll();
    assertThat(pool.stats().completed()).isEqualTo(3);
  }

  @Test
  void putRequest_blockedOnFullQueueWhenPoolShutsDown_throwsRejectedAndLeavesNoTrace() {
    // no worker will ever make room: only the shutdown can end the blocked put
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .workers(0)
                .requestQueueCapacity(1)
                .pollTimeout(Duration.ofMillis(50))
                .build());
    pool.putRequest(WorkRequest.of(() -> 1));
    WorkRequest<Integer> blocked = WorkRequest.of(() -> 2);
    AtomicReference<Thread> putter = new AtomicReference<>();
    CompletableFuture<Void> put =
        CompletableFuture.runAsync(
            () -> {
              putter.set(Thread.currentThread());
              pool.putRequest(blocked);
            },
            command -> new Thread(command).start());
    await().atMost(PATIENCE).until(() -> putter.get() != null && isWaiting(putter.get()));

    pool.shutdown();

    assertThat(put)
        .failsWithin(PATIENCE)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(RejectedExecutionException.class);
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    blocked.run(); // handed back untouched: still new
  }

  @Test
  void putRequest_whenInterruptedWhileBlocked_throwsRejectedKeepsFlagAndLeavesNoTrace() {
    ThreadPool pool = track(ThreadPool.builder().workers(0).requestQueueCapacity(1).build());
    pool.putRequest(WorkRequest.of(() -> 1));
    WorkRequest<Integer> request = WorkRequest.of(() -> 2);

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> pool.putRequest(request))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(pool.pendingRequestCount()).isEqualTo(1);
    pool.shutdownNow();
    request.run();
  }

  @Test
  void resultQueue_whenFull_blocksWorkersUntilSomeonePolls() {
    ThreadPool pool = track(ThreadPool.builder().workers(2).resultQueueCapacity(2).build());
    List<Integer> delivered = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int value = i;
      pool.putRequest(WorkRequest.of(() -> value, (r, v) -> delivered.add(v)));
    }

    // two results fill the result queue; both workers then wait with one finished request each
    await().atMost(PATIENCE).until(() -> pool.stats().completed() == 4);
    // and they stay there: nothing more completes while nobody polls
    await()
        .during(Duration.ofMillis(200))
        .atMost(PATIENCE)
        .until(() -> pool.stats().completed() == 4);
    assertThat(pool.stats().pendingResults()).isEqualTo(2);
    assertThat(pool.stats().busyWorkers()).isEqualTo(2);
    assertThat(pool.stats().queueDepth()).isEqualTo(6);
    assertThat(pool.stats().completed()).isEqualTo(4);

    pool.waitForAll();

    assertThat(delivered).hasSize(10);
    assertThat(pool.stats().completed()).isEqualTo(10);
  }

  private static boolean isWaiting(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @SuppressWarnings("NullAway") // deliberately passes null to check the precondition
  private static WorkRequest<?> nullRequest() {
    return null;
  }
}
