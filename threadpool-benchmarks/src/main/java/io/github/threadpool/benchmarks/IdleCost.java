package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What idle workers cost: the CPU time that 100 idle {@link ThreadPool} workers consume per second
 * of wall time, side by side with 100 idle core threads of a {@link ThreadPoolExecutor}. Not a JMH
 * benchmark, because there is nothing to call in a loop: the program starts a pool, waits until
 * every worker is parked on the empty queue, reads each worker's CPU time from {@link
 * ThreadMXBean#getThreadCpuTime(long)}, sleeps, and reads it again. It alternates the two pools for
 * several rounds and prints every round and the median, in milliseconds of CPU per second for all
 * 100 threads together.
 *
 * <p>Run it with
 *
 * <pre>{@code
 * java -cp threadpool-benchmarks/target/benchmarks.jar \
 *     io.github.threadpool.benchmarks.IdleCost [seconds per round, default 10] [rounds, default 3]
 * }</pre>
 */
public final class IdleCost {

  private static final int THREADS = 100;
  private static final ThreadMXBean THREAD_MX = ManagementFactory.getThreadMXBean();

  private IdleCost() {}

  /**
   * Measures and prints the idle cost.
   *
   * @param args seconds per round and number of rounds, both optional
   */
  public static void main(String[] args) throws InterruptedException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    if (!THREAD_MX.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    THREAD_MX.setThreadCpuTimeEnabled(true);
    double[] threadPool = new double[rounds];
    double[] executor = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      threadPool[round] = measure("idle-threadpool-", threadPool(), seconds);
      executor[round] = measure("idle-executor-", executor(), seconds);
      System.out.printf(
          Locale.ROOT,
          "round %d: ThreadPool %.4f ms/s, ThreadPoolExecutor %.4f ms/s%n",
          round + 1,
          threadPool[round],
          executor[round]);
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d rounds of %d s, %d idle threads: ThreadPool %.4f ms CPU/s,"
            + " ThreadPoolExecutor %.4f ms CPU/s%n",
        rounds,
        seconds,
        THREADS,
        median(threadPool),
        median(executor));
  }

  /**
   * Returns the CPU milliseconds per wall-clock second that the idle threads named {@code prefix}…
   * of {@code pool} consumed, and closes the pool.
   */
  private static double measure(String prefix, ExecutorService pool, int seconds)
      throws InterruptedException {
    double cost;
    try {
      cost = idleCost(prefix, seconds);
    } finally {
      pool.shutdownNow();
    }
    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("pool did not terminate: " + pool);
    }
    return cost;
  }

  private static double idleCost(String prefix, int seconds) throws InterruptedException {
    PoolThreads.awaitExactly(prefix, THREADS, PoolThreads::idle);
    Thread.sleep(1_000); // let the threads that just started settle
    Thread[] threads = PoolThreads.named(prefix);
    long[] before = cpuTimes(threads);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    long[] after = cpuTimes(threads);
    long elapsed = System.nanoTime() - start;
    if (PoolThreads.count(prefix, PoolThreads::idle) != THREADS) {
      throw new IllegalStateException("a thread named " + prefix + "* did not stay idle");
    }
    long cpu = 0;
    for (int i = 0; i < threads.length; i++) {
      cpu += after[i] - before[i];
    }
    return cpu / 1e6 / (elapsed / 1e9);
  }

  private static long[] cpuTimes(Thread[] threads) {
    long[] times = new long[threads.length];
    for (int i = 0; i < threads.length; i++) {
      times[i] = THREAD_MX.getThreadCpuTime(threads[i].getId());
      if (times[i] < 0) {
        throw new IllegalStateException("no CPU time for " + threads[i]);
      }
    }
    return times;
  }

  private static ThreadPool threadPool() {
    return ThreadPool.builder()
        .workers(THREADS)
        .name("threadpool")
        .threadNamePrefix("idle-")
        .build();
  }

  private static ThreadPoolExecutor executor() {
    AtomicInteger numbers = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "idle-executor-" + numbers.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.prestartAllCoreThreads();
    return executor;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
