package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.openjdk.jmh.annotations.Benchmark;

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
public class SeedPathBenchmark extends PoolComparison {

  @Benchmark
  public long seedThreadPool() {
    return Workload.putAndWaitForAll(threadPool, tokens);
  }

  @Benchmark
  public long seedThreadPoolExecutor() throws InterruptedException, ExecutionException {
    return Workload.submitAndTakeAll(threadPoolExecutor, tokens);
  }
}
