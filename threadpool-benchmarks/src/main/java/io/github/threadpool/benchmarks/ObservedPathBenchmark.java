package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.ThreadPoolExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The executor path of {@link ExecutorPathBenchmark} on a {@link ThreadPool} observed by part of
 * what the Spring Boot starter attaches ({@link Observed#threadPool(int, String)}), beside the
 * plain {@link ThreadPool} and {@link ThreadPoolExecutor} in the same run: where the time of an
 * observed task goes. Reported in nanoseconds per task (lower is better):
 *
 * <pre>{@code
 * java -jar threadpool-benchmarks/target/benchmarks.jar ObservedPathBenchmark -p workers=2 -p tokens=0
 * }</pre>
 */
@SuppressWarnings("NullAway.Init") // made in setUpObserved()
public class ObservedPathBenchmark extends PoolComparison {

  /** What observes the pool; see {@link Observed#threadPool(int, String)}. */
  @Param({"empty", "detector", "timers-plain", "timers", "both"})
  public String observer;

  private ThreadPool observedThreadPool;

  @Setup
  public void setUpObserved() {
    observedThreadPool = Observed.threadPool(workers, observer);
  }

  @TearDown
  public void tearDownObserved() throws InterruptedException {
    Workload.close(observedThreadPool);
  }

  @Benchmark
  public void executeObservedThreadPool() throws InterruptedException {
    Workload.executeAll(observedThreadPool, tokens);
  }

  @Benchmark
  public void executeThreadPool() throws InterruptedException {
    Workload.executeAll(threadPool, tokens);
  }

  @Benchmark
  public void executeThreadPoolExecutor() throws InterruptedException {
    Workload.executeAll(threadPoolExecutor, tokens);
  }
}
