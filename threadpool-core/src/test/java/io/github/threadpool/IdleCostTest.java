package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC 2, behaviour 6: idle workers block. The test measures the CPU time (not the wall time) that
 * 100 idle workers use during one second.
 */
@Timeout(60)
class IdleCostTest extends PoolTestSupport {

  private static final int WORKERS = 100;

  @Test
  void idleWorkers_useNearlyNoCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeThat(mx.isThreadCpuTimeSupported()).as("thread CPU time is measurable here").isTrue();
    if (!mx.isThreadCpuTimeEnabled()) {
      mx.setThreadCpuTimeEnabled(true);
    }
    // A short poll timeout: a pool whose idle workers woke up every poll timeout to check a flag
    // (as the Python original does) would wake 100 workers 100 times a second here.
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .name("idle-cost")
                .workers(WORKERS)
                .pollTimeout(Duration.ofMillis(10))
                .build());
    // let every worker start and run one job, so that start-up cost falls before the window
    for (int i = 0; i < WORKERS; i++) {
      pool.putRequest(WorkRequest.of(() -> 1));
    }
    pool.waitForAll();
    List<Thread> workers = workerThreads(pool);
    assertThat(workers).hasSize(WORKERS);
    await().atMost(PATIENCE).until(() -> workers.stream().allMatch(IdleCostTest::isParked));

    long before = totalCpuNanos(mx, workers);
    // The measurement window: one second of wall time during which nothing happens. It is not a
    // wait for an event, so parking is the right tool (parkNanos may return early: loop).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
    long cpuNanos = totalCpuNanos(mx, workers) - before;

    assertThat(workers).allMatch(Thread::isAlive);
    assertThat(TimeUnit.NANOSECONDS.toMillis(cpuNanos))
        .as("CPU time of %d idle workers over one second, in ms", WORKERS)
        .isLessThan(20);
    assertThat(pool.stats().busyWorkers()).isZero();
  }

  /** Waiting, with or without a timeout: the CPU time decides whether it wakes up needlessly. */
  private static boolean isParked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  private static List<Thread> workerThreads(ThreadPool pool) {
    String prefix = ThreadPool.Builder.DEFAULT_THREAD_NAME_PREFIX + pool.name() + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .collect(Collectors.toList());
  }

  private static long totalCpuNanos(ThreadMXBean mx, List<Thread> threads) {
    long total = 0;
    for (Thread thread : threads) {
      long cpu = mx.getThreadCpuTime(thread.getId());
      assertThat(cpu).as("CPU time of live thread %s", thread.getName()).isNotNegative();
      total += cpu;
    }
    return total;
  }
}
