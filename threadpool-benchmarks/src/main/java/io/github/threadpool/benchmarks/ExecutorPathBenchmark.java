package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The executor path: the time per task when one thread {@code execute}s {@value Workload#TASKS}
 * tasks into an unbounded queue and waits until all have run, on {@link ThreadPool#execute}, on a
 * fixed {@link ThreadPoolExecutor} with a {@code LinkedBlockingQueue}, and on a {@link
 * ForkJoinPool}, each with {@code workers} threads, and on a {@link ThreadPool} observed as the
 * Spring Boot starter observes a measured pool ({@link Observed}: slow-work detection and timers
 * with histograms), the cost of {@code threadpool.requests.*} timers and timeouts. Each task burns
 * {@code tokens} of {@code Blackhole.consumeCPU} (0: the pool's overhead alone; 50: a tiny task)
 * and counts down one latch.
 *
 * <p>Reported in nanoseconds per task (lower is better). Run it alone with
 *
 * <pre>{@code
 * java -jar threadpool-benchmarks/target/benchmarks.jar ExecutorPathBenchmark
 * }</pre>
 *
 * or the whole suite with {@code threadpool-benchmarks/run-benchmarks.sh}.
 */
@SuppressWarnings("NullAway.Init") // made in setUpForkJoinPool()
public class ExecutorPathBenchmark extends PoolComparison {

  private ForkJoinPool forkJoinPool;
  private ThreadPool observedThreadPool;

  @Setup
  public void setUpForkJoinPool() {
    forkJoinPool = new ForkJoinPool(workers);
    observedThreadPool = Observed.threadPool(workers);
  }

  @TearDown
  public void tearDownForkJoinPool() throws InterruptedException {
    Workload.close(forkJoinPool);
    Workload.close(observedThreadPool);
  }

  @Benchmark
  public void executeThreadPool() throws InterruptedException {
    Workload.executeAll(threadPool, tokens);
  }

  @Benchmark
  public void executeObservedThreadPool() throws InterruptedException {
    Workload.executeAll(observedThreadPool, tokens);
  }

  @Benchmark
  public void executeThreadPoolExecutor() throws InterruptedException {
    Workload.executeAll(threadPoolExecutor, tokens);
  }

  @Benchmark
  public void executeForkJoinPool() throws InterruptedException {
    Workload.executeAll(forkJoinPool, tokens);
  }
}
