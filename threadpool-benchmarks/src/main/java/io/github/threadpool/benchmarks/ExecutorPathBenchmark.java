package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The executor path: the time per task when one thread {@code execute}s {@value Workload#TASKS}
 * tasks into an unbounded queue and waits until all have run, on {@link ThreadPool#execute}, on a
 * fixed {@link ThreadPoolExecutor} with a {@code LinkedBlockingQueue}, and on a {@link
 * ForkJoinPool}, each with {@code workers} threads. Each task burns {@code tokens} of {@code
 * Blackhole.consumeCPU} (0: the pool's overhead alone; 50: a tiny task) and counts down one latch.
 *
 * <p>Reported in nanoseconds per task (lower is better). Run it alone with
 *
 * <pre>{@code
 * java -jar threadpool-benchmarks/target/benchmarks.jar ExecutorPathBenchmark
 * }</pre>
 *
 * or the whole suite with {@code threadpool-benchmarks/run-benchmarks.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(Workload.TASKS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // the pools are made in setUp()
public class ExecutorPathBenchmark {

  /** Worker threads of every pool. */
  @Param({"2", "4"})
  public int workers;

  /** The size of each task, in {@code Blackhole.consumeCPU} tokens. */
  @Param({"0", "50"})
  public int tokens;

  private ThreadPool threadPool;
  private ThreadPoolExecutor threadPoolExecutor;
  private ForkJoinPool forkJoinPool;

  @Setup
  public void setUp() {
    threadPool = Workload.threadPool(workers, 0);
    threadPoolExecutor = Workload.threadPoolExecutor(workers, 0);
    forkJoinPool = new ForkJoinPool(workers);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    Workload.close(threadPool);
    Workload.close(threadPoolExecutor);
    Workload.close(forkJoinPool);
  }

  @Benchmark
  public void executeThreadPool() throws InterruptedException {
    Workload.executeAll(threadPool, tokens);
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
