package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The executor path and the seed's path of {@link ExecutorPathBenchmark} and {@link
 * SeedPathBenchmark} with a request queue of {@value Workload#BOUNDED_CAPACITY}: the producer of
 * {@value Workload#TASKS} tasks spends most of the operation blocked on a full queue, so this
 * measures the hand-off between a blocked producer and the workers that make room.
 *
 * <p>{@link ThreadPool} gets {@code requestQueueCapacity(1000)}; its {@code execute} and {@code
 * putRequest} block while the queue is full. The {@link ThreadPoolExecutor} gets a {@code
 * LinkedBlockingQueue(1000)} and a rejection handler that {@code put}s the task into the queue (see
 * {@link Workload.PutWhenFull} for why that and not a semaphore). {@code ForkJoinPool} has no
 * bounded queue and is left out.
 *
 * <p>Reported in nanoseconds per task (lower is better). Run it alone with
 *
 * <pre>{@code
 * java -jar threadpool-benchmarks/target/benchmarks.jar BoundedQueueBenchmark
 * }</pre>
 *
 * or the whole suite with {@code threadpool-benchmarks/run-benchmarks.sh}.
 */
public class BoundedQueueBenchmark extends PoolComparison {

  @Override
  protected int queueCapacity() {
    return Workload.BOUNDED_CAPACITY;
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
  public long seedThreadPool() {
    return Workload.putAndWaitForAll(threadPool, tokens);
  }

  @Benchmark
  public long seedThreadPoolExecutor() throws InterruptedException, ExecutionException {
    return Workload.submitAndTakeAll(threadPoolExecutor, tokens);
  }
}
