package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.ExecutionException;
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
 * The seed's path, results delivered on the caller: the time per task when one thread puts {@value
 * Workload#TASKS} work requests with {@link ThreadPool#putRequest} and then {@link
 * ThreadPool#waitForAll()} runs each request's callback on it, against a fixed {@link
 * ThreadPoolExecutor} with a {@code LinkedBlockingQueue} driven through an {@link
 * java.util.concurrent.ExecutorCompletionService}: the same thread submits every task, then takes
 * every future and passes its result to the same callback. Both sides create one object per task in
 * the timed part (a {@code WorkRequest}; a {@code FutureTask}), as a real caller does. Each task
 * burns {@code tokens} of {@code Blackhole.consumeCPU} and returns 1; the callback sums the results
 * and the sum is checked.
 *
 * <p>Reported in nanoseconds per task (lower is better). Run it alone with
 *
 * <pre>{@code
 * java -jar threadpool-benchmarks/target/benchmarks.jar SeedPathBenchmark
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
public class SeedPathBenchmark {

  /** Worker threads of every pool. */
  @Param({"2", "4"})
  public int workers;

  /** The size of each task, in {@code Blackhole.consumeCPU} tokens. */
  @Param({"0", "50"})
  public int tokens;

  private ThreadPool threadPool;
  private ThreadPoolExecutor threadPoolExecutor;

  @Setup
  public void setUp() {
    threadPool = Workload.threadPool(workers, 0);
    threadPoolExecutor = Workload.threadPoolExecutor(workers, 0);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    Workload.close(threadPool);
    Workload.close(threadPoolExecutor);
  }

  @Benchmark
  public long seedThreadPool() {
    return Workload.putAndWaitForAll(threadPool, tokens);
  }

  @Benchmark
  public long seedThreadPoolExecutor() throws InterruptedException, ExecutionException {
    return Workload.submitAndTakeAll(threadPoolExecutor, tokens);
  }
}
