package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC 2, behaviours 6 and 10: creating, dismissing and naming workers. */
@Timeout(30)
class ThreadPoolWorkersTest extends PoolTestSupport {

  private static List<Thread> poolThreads(ThreadPool pool) {
    String prefix = ThreadPool.Builder.DEFAULT_THREAD_NAME_PREFIX + pool.name() + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .collect(Collectors.toList());
  }

  private static List<String> aliveThreadNames(ThreadPool pool) {
    return poolThreads(pool).stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void threads_areNamedPrefixPoolNameNumberAndDaemonByDefault() {
    ThreadPool pool =
        track(ThreadPool.builder().name("orders").threadNamePrefix("tp-").workers(2).build());
    Map<String, Boolean> daemonByName = new ConcurrentHashMap<>();
    for (int i = 0; i < 20; i++) {
      pool.putRequest(
          WorkRequest.of(
              () ->
                  daemonByName.put(
                      Thread.currentThread().getName(), Thread.currentThread().isDaemon())));
    }
    pool.waitForAll();

    assertThat(pool.name()).isEqualTo("orders");
    assertThat(daemonByName.keySet()).isSubsetOf("tp-orders-1", "tp-orders-2");
    assertThat(daemonByName.values()).containsOnly(true);
  }

  @Test
  void threads_withDefaults_areNamedThreadpoolPoolN() {
    ThreadPool pool = pool(1);

    assertThat(pool.name()).matches("pool-\\d+");
    assertThat(aliveThreadNames(pool)).containsExactly("threadpool-" + pool.name() + "-1");
    assertThat(poolThreads(pool)).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
  }

  @Test
  void threads_withDaemonFalse_areNotDaemon() {
    ThreadPool pool = track(ThreadPool.builder().workers(1).daemon(false).build());

    assertThat(poolThreads(pool))
        .singleElement()
        .satisfies(t -> assertThat(t.isDaemon()).isFalse());
  }

  @Test
  void createWorkers_numbersThreadsOnAndAddsWorkers() {
    ThreadPool pool = track(ThreadPool.builder().name("grow").workers(1).build());

    pool.createWorkers(2);

    assertThat(pool.workerCount()).isEqualTo(3);
    assertThat(aliveThreadNames(pool))
        .containsExactly("threadpool-grow-1", "threadpool-grow-2", "threadpool-grow-3");
    pool.dismissWorkers(1, true);
    pool.createWorkers(1);
    assertThat(aliveThreadNames(pool))
        .containsExactly("threadpool-grow-1", "threadpool-grow-2", "threadpool-grow-4");
  }

  @Test
  void createWorkers_withZero_doesNothing() {
    ThreadPool pool = pool(1);

    pool.createWorkers(0);
    pool.dismissWorkers(0);
    pool.dismissWorkers(0, true);

    assertThat(pool.workerCount()).isEqualTo(1);
    assertThat(pool.stats().dismissedWorkers()).isZero();
    assertThat(aliveThreadNames(pool)).hasSize(1);
  }

  @Test
  void createWorkersDismissWorkersResize_withNegativeCount_throwIaeNamingParameterAndValue() {
    ThreadPool pool = pool(1);

    assertThatThrownBy(() -> pool.createWorkers(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be >= 0, was -1");
    assertThatThrownBy(() -> pool.dismissWorkers(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be >= 0, was -2");
    assertThatThrownBy(() -> pool.dismissWorkers(-3, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be >= 0, was -3");
    assertThatThrownBy(() -> pool.resize(-4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers must be >= 0, was -4");
    assertThat(pool.workerCount()).isEqualTo(1);
  }

  @Test
  void createWorkers_afterShutdown_throwsIllegalState() {
    ThreadPool pool = pool(1);
    pool.shutdown();

    assertThatThrownBy(() -> pool.createWorkers(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
    pool.createWorkers(0); // still a no-op
  }

  @Test
  void dismissWorkers_dismissesTheNewestFirst() {
    ThreadPool pool = track(ThreadPool.builder().name("shrink").workers(4).build());

    pool.dismissWorkers(2, true);

    assertThat(pool.workerCount()).isEqualTo(2);
    assertThat(aliveThreadNames(pool))
        .containsExactly("threadpool-shrink-1", "threadpool-shrink-2");
    pool.dismissWorkers(1, true);
    assertThat(aliveThreadNames(pool)).containsExactly("threadpool-shrink-1");
  }

  @Test
  void dismissWorkers_moreThanLive_dismissesAll() {
    ThreadPool pool = pool(2);

    pool.dismissWorkers(5, true);

    assertThat(pool.workerCount()).isZero();
    assertThat(pool.stats().dismissedWorkers()).isZero();
    assertThat(aliveThreadNames(pool)).isEmpty();
  }

  @Test
  void dismissWorkers_idleWorkerExitsPromptlyWithoutJoin() {
    // the poll timeout is far longer than the wait below: only a wake-up makes the worker exit
    ThreadPool pool =
        track(ThreadPool.builder().workers(3).pollTimeout(Duration.ofHours(1)).build());
    List<Thread> threads = poolThreads(pool);
    assertThat(threads).hasSize(3);

    pool.dismissWorkers(3);

    // SPEC: "well under 100 ms"
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2))
        .atMost(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(threads).noneMatch(Thread::isAlive));
    assertThat(pool.stats().dismissedWorkers()).isZero();
  }

  @Test
  void dismissWorkers_idleDismissedWorkerTakesNoRequest() {
    // Repeated, because the dismissal's wake-up can race with the put that follows it.
    ThreadPool pool = track(ThreadPool.builder().name("idle").workers(1).build());
    Map<String, Integer> runsByThread = new ConcurrentHashMap<>();
    for (int round = 0; round < 100; round++) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      pool.putRequest(WorkRequest.of(blockingTask(started, release, 0)));
      awaitLatch(started);
      pool.createWorkers(1);
      String idleName = "threadpool-idle-" + (round + 2);
      Thread idle =
          poolThreads(pool).stream()
              .filter(t -> t.getName().equals(idleName))
              .findFirst()
              .orElseThrow();
      await()
          .pollInterval(Duration.ofMillis(1))
          .atMost(PATIENCE)
          .until(() -> idle.getState() == Thread.State.WAITING);

      // the new worker is the only one waiting for work; once dismissed it must take none
      pool.dismissWorkers(1);
      for (int i = 0; i < 5; i++) {
        pool.putRequest(
            WorkRequest.of(
                () -> runsByThread.merge(Thread.currentThread().getName(), 1, Integer::sum)));
      }
      release.countDown();
      pool.waitForAll();
    }

    assertThat(runsByThread).containsOnlyKeys("threadpool-idle-1");
    assertThat(runsByThread.get("threadpool-idle-1")).isEqualTo(500);
  }

  @Test
  void dismissWorkersWithJoin_whenInterrupted_throwsCancellationKeepsFlagAndWorkersStayDismissed()
      throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1)));
    awaitLatch(started);
    CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
    Thread dismisser =
        new Thread(
            () -> {
              try {
                pool.dismissWorkers(1, true);
                flagKept.completeExceptionally(new AssertionError("returned normally"));
              } catch (java.util.concurrent.CancellationException e) {
                flagKept.complete(Thread.currentThread().isInterrupted());
              }
            });
    dismisser.start();
    await().atMost(PATIENCE).until(() -> dismisser.getState() == Thread.State.WAITING);

    dismisser.interrupt();

    assertThat(flagKept).succeedsWithin(PATIENCE).isEqualTo(true);
    assertThat(pool.workerCount()).isZero();
    assertThat(pool.stats().dismissedWorkers()).isEqualTo(1);
    release.countDown();
    pool.waitForAll();
    pool.joinAllDismissedWorkers();
    assertThat(pool.stats().dismissedWorkers()).isZero();
  }

  @Test
  void dismissWorkers_busyWorkerFinishesItsJobThenExitsAndNothingIsLostOrReordered() {
    ThreadPool pool = track(ThreadPool.builder().name("order").workers(1).build());
    CountDownLatch started1 = new CountDownLatch(1);
    CountDownLatch started2 = new CountDownLatch(1);
    CountDownLatch release1 = new CountDownLatch(1);
    CountDownLatch release2 = new CountDownLatch(1);
    List<String> delivered = new ArrayList<>();
    Map<String, String> threadByValue = new ConcurrentHashMap<>();
    pool.putRequest(
        WorkRequest.of(blockingTask(started1, release1, "job-on-1"), (r, v) -> delivered.add(v)));
    awaitLatch(started1);
    pool.createWorkers(1); // worker 2: the only idle one, it takes the next request
    pool.putRequest(
        WorkRequest.of(
            () -> {
              threadByValue.put("job-on-2", Thread.currentThread().getName());
              started2.countDown();
              release2.await();
              return "job-on-2";
            },
            (r, v) -> delivered.add(v)));
    awaitLatch(started2);
    for (int i = 0; i < 100; i++) {
      String value = "r" + i;
      pool.putRequest(
          WorkRequest.of(
              () -> {
                threadByValue.put(value, Thread.currentThread().getName());
                return value;
              },
              (r, v) -> delivered.add(v)));
    }

    pool.dismissWorkers(1); // worker 2, busy: it finishes its job, then exits
    assertThat(pool.stats().dismissedWorkers()).isEqualTo(1);
    release2.countDown();
    await().atMost(PATIENCE).until(() -> pool.stats().dismissedWorkers() == 0);
    release1.countDown();
    pool.waitForAll();

    // worker 2 ran only the job it had; worker 1 ran the queued requests one by one, in order
    assertThat(threadByValue.get("job-on-2")).isEqualTo("threadpool-order-2");
    List<String> queued = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      queued.add("r" + i);
      assertThat(threadByValue.get("r" + i)).isEqualTo("threadpool-order-1");
    }
    List<String> expected = new ArrayList<>(List.of("job-on-2", "job-on-1"));
    expected.addAll(queued);
    assertThat(delivered).containsExactlyElementsOf(expected);
  }

  @Test
  void dismissWorkers_withJoin_waitsForBusyWorkersToExit() throws Exception {
    ThreadPool pool = pool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1)));
    awaitLatch(started);
    List<Thread> threads = poolThreads(pool);

    CompletableFuture<Void> dismissal =
        CompletableFuture.runAsync(
            () -> pool.dismissWorkers(1, true), command -> new Thread(command).start());
    await().during(Duration.ofMillis(100)).atMost(PATIENCE).until(() -> !dismissal.isDone());
    release.countDown();

    assertThat(dismissal).succeedsWithin(PATIENCE);
    assertThat(threads).noneMatch(Thread::isAlive);
    pool.waitForAll();
  }

  @Test
  void joinAllDismissedWorkers_waitsForEveryDismissedWorker() {
    ThreadPool pool = pool(3);
    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 3; i++) {
      pool.putRequest(WorkRequest.of(blockingTask(started, release, i)));
    }
    awaitLatch(started);
    List<Thread> threads = poolThreads(pool);
    pool.dismissWorkers(2);
    pool.dismissWorkers(1);
    assertThat(pool.stats().dismissedWorkers()).isEqualTo(3);
    assertThat(pool.workerCount()).isZero();

    CompletableFuture<Void> join =
        CompletableFuture.runAsync(
            pool::joinAllDismissedWorkers, command -> new Thread(command).start());
    await().during(Duration.ofMillis(100)).atMost(PATIENCE).until(() -> !join.isDone());
    release.countDown();

    assertThat(join).succeedsWithin(PATIENCE);
    assertThat(threads).hasSize(3).noneMatch(Thread::isAlive);
    assertThat(pool.stats().dismissedWorkers()).isZero();
    pool.waitForAll(); // all three finished their jobs before exiting
    assertThat(pool.stats().completed()).isEqualTo(3);
    pool.joinAllDismissedWorkers(); // none left: returns at once
  }

  @Test
  void resize_createsOrDismissesTheDifference() {
    ThreadPool pool = pool(2);

    pool.resize(5);
    assertThat(pool.workerCount()).isEqualTo(5);
    pool.resize(5);
    assertThat(pool.workerCount()).isEqualTo(5);
    pool.resize(1);
    assertThat(pool.workerCount()).isEqualTo(1);
    pool.joinAllDismissedWorkers();
    assertThat(aliveThreadNames(pool)).containsExactly("threadpool-" + pool.name() + "-1");
    pool.resize(0);
    assertThat(pool.workerCount()).isZero();
  }

  @Test
  void resize_afterShutdown_mayShrinkButNotGrow() {
    ThreadPool pool = pool(2);
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 1)));
    pool.putRequest(WorkRequest.of(blockingTask(started, release, 2)));
    awaitLatch(started);
    pool.shutdown();

    pool.resize(1);
    assertThat(pool.workerCount()).isEqualTo(1);
    assertThatThrownBy(() -> pool.resize(3)).isInstanceOf(IllegalStateException.class);
    release.countDown();
  }
}
