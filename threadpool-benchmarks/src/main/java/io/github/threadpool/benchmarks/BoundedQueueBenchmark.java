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
public class BoundedQueueBenchmark {

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
    threadPool = Workload.threadPool(workers, Workload.BOUNDED_CAPACITY);
    threadPoolExecutor = Workload.threadPoolExecutor(workers, Workload.BOUNDED_CAPACITY);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    Workload.close(threadPool);
    Workload.close(threadPoolExecutor);
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
