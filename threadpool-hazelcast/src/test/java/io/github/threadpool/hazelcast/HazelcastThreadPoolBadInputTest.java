package io.github.threadpool.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.nio.serialization.HazelcastSerializationException;
import io.github.threadpool.WorkRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tasks, results, failures, ids and settings that a cluster pool must refuse or survive. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HazelcastThreadPoolBadInputTest {

  private static TestCluster cluster;
  private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();

  private final List<HazelcastThreadPool> pools = new ArrayList<>();
  private HazelcastThreadPool pool;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void createPools() {
    String name = "bad-" + POOL_NUMBERS.incrementAndGet();
    for (var member : cluster.members()) {
      pools.add(HazelcastThreadPool.builder(member).name(name).workers(2).build());
    }
    pool = pools.get(0);
  }

  @AfterEach
  void closePools() {
    pools.forEach(HazelcastThreadPool::close);
  }

  @Test
  void putRequest_lambdaTask_refusedWithClearMessageAndLeavesNoTrace() {
    Callable<Integer> lambda = () -> 42;
    WorkRequest<Integer> request = WorkRequest.builder(lambda).requestId("answer").build();

    assertThatThrownBy(() -> pool.putRequest(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task of work request answer")
        .hasMessageContaining("cannot be serialized")
        .hasMessageContaining("pool '" + pool.name() + "'");
    assertThat(pool.pendingRequestCount()).isZero();

    // released: the same request (and its id) can still be run elsewhere
    request.run();
    pool.putRequest(WorkRequest.builder(new Tasks.WhereAmI(1)).requestId("answer").build());
    pool.waitForAll();
  }

  @Test
  void putRequest_serializableTaskWithUnserializableField_refused() {
    WorkRequest<Integer> request = WorkRequest.of(new Tasks.HoldsObject(new Object()));

    assertThatThrownBy(() -> pool.putRequest(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Tasks.HoldsObject.class.getName())
        .hasCauseInstanceOf(HazelcastSerializationException.class);
    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(pool.stats().rejected()).isZero();
  }

  @Test
  void poll_resultCannotBeSerialized_failsThatRequestOnly() {
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    List<WorkRequest<Runnable>> bad = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      WorkRequest<Runnable> request =
          WorkRequest.builder(new Tasks.UnsendableResult())
              .callback((r, result) -> succeeded.incrementAndGet())
              .exceptionCallback(
                  (r, exception) -> {
                    failed.incrementAndGet();
                    failures.add(exception);
                  })
              .build();
      bad.add(request);
      pool.putRequest(request);
      pool.putRequest(
          WorkRequest.of(new Tasks.WhereAmI(i), (r, member) -> succeeded.incrementAndGet()));
    }

    pool.waitForAll();

    assertThat(failed).hasValue(20);
    assertThat(succeeded).hasValue(20);
    assertThat(bad).allMatch(WorkRequest::isException);
    assertThat(failures)
        .allSatisfy(
            failure ->
                assertThat(failure)
                    .isInstanceOf(HazelcastSerializationException.class)
                    .hasMessageContaining("cannot be serialized on member"));
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void poll_taskThrows_exceptionCallbackGetsTheFailureAndResultCallbackNever() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger results = new AtomicInteger();
    WorkRequest<Integer> request =
        WorkRequest.builder(new Tasks.Failing("no luck"))
            .callback((r, result) -> results.incrementAndGet())
            .exceptionCallback((r, exception) -> failure.set(exception))
            .build();

    pool.putRequest(request);
    pool.waitForAll();

    assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessage("no luck");
    assertThat(request.isException()).isTrue();
    assertThat(results).hasValue(0);
  }

  @Test
  void poll_taskThrowsUnserializableException_exceptionCallbackGetsStandInWithItsTypeAndTrace() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    pool.putRequest(
        WorkRequest.builder(new Tasks.FailingUnsendably())
            .exceptionCallback((r, exception) -> failure.set(exception))
            .build());

    pool.waitForAll();

    assertThat(failure.get())
        .isNotInstanceOf(Tasks.UnsendableException.class)
        .hasMessageContaining(Tasks.UnsendableException.class.getName() + ": cannot travel")
        .hasMessageContaining("cannot be serialized");
    assertThat(failure.get()).isNotNull();
    assertThat(java.util.Objects.requireNonNull(failure.get()).getStackTrace()[0].getClassName())
        .isEqualTo(Tasks.FailingUnsendably.class.getName());
  }

  @Test
  void poll_callbackThrows_propagatesAndLaterWaitReturns() {
    pool.putRequest(
        WorkRequest.of(
            new Tasks.WhereAmI(1),
            (r, member) -> {
              throw new IllegalStateException("callback failed");
            }));
    pool.putRequest(WorkRequest.of(new Tasks.WhereAmI(2)));

    assertThatThrownBy(() -> pool.waitForAll()).hasMessage("callback failed");
    assertThat(pool.waitForAll(Duration.ofMinutes(1))).isTrue();
    assertThat(pool.pendingRequestCount()).isZero();
  }

  @Test
  void putRequest_badRequests_refusedWithClearMessages() {
    WorkRequest<String> first =
        WorkRequest.builder(new Tasks.WhereAmI(1)).requestId("id-1").build();
    Tasks.Blocking.release = new java.util.concurrent.CountDownLatch(1);
    WorkRequest<Integer> held =
        WorkRequest.builder(new Tasks.Blocking(1)).requestId("id-1").build();
    try {
      pool.putRequest(held);
      assertThatThrownBy(() -> pool.putRequest(first))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("requestId id-1 is already pending in pool '" + pool.name() + "'");
      assertThatThrownBy(() -> pool.putRequest(held))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has already been put");
      assertThatThrownBy(() -> pool.putRequest(nullRequest()))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("request");
      assertThatThrownBy(() -> pool.putRequest(first, true, Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("timeout must be >= 0, was PT-1S");
      assertThat(pool.pendingRequestCount()).isEqualTo(1);
    } finally {
      Tasks.Blocking.release.countDown();
    }
    pool.waitForAll();
    pool.putRequest(first);
    pool.waitForAll();
  }

  @Test
  void builder_badSettings_refusedWithClearMessages() {
    var member = cluster.member(0);
    assertThatThrownBy(() -> HazelcastThreadPool.builder(member).workers(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be >= 0, was -3");
    assertThatThrownBy(() -> HazelcastThreadPool.builder(member).maxWorkers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWorkers must be >= 1, was 0");
    assertThatThrownBy(() -> HazelcastThreadPool.builder(member).name(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, was ' '");
    assertThatThrownBy(
            () -> HazelcastThreadPool.builder(member).name("x").workers(5).maxWorkers(4).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be <= maxWorkers (4), was 5");
    assertThatThrownBy(() -> HazelcastThreadPool.builder(member).name(pool.name()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a pool named '" + pool.name() + "' is already open on member");
    assertThatThrownBy(() -> pool.resize(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be <= 2 (maxWorkers), was 3");
    assertThatThrownBy(() -> pool.resize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be >= 0, was -1");
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void putRequest_afterClose_refusedAndNameCanBeReused() {
    pool.close();

    assertThatThrownBy(() -> pool.putRequest(WorkRequest.of(new Tasks.WhereAmI(1))))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class)
        .hasMessageContaining("the pool is closed");
    assertThat(pool.stats().rejected()).isEqualTo(1);
    try (HazelcastThreadPool again =
        HazelcastThreadPool.builder(cluster.member(0)).name(pool.name()).workers(1).build()) {
      AtomicInteger delivered = new AtomicInteger();
      again.putRequest(
          WorkRequest.of(new Tasks.WhereAmI(1), (r, m) -> delivered.incrementAndGet()));
      again.waitForAll();
      assertThat(delivered).hasValue(1);
    }
  }

  @SuppressWarnings("NullAway") // deliberately passes null to check the precondition
  private static WorkRequest<?> nullRequest() {
    return null;
  }
}
