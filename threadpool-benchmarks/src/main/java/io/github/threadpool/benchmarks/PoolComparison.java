package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * What the throughput benchmarks share: the settings, the parameters, and a {@link ThreadPool} and
 * a fixed {@link ThreadPoolExecutor} of {@code workers} threads each, made with the same request
 * queue capacity, so that each pair is compared in the same run under the same conditions. One
 * operation is {@value Workload#TASKS} tasks; the score is the time per task.
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
@SuppressWarnings("NullAway.Init") // the pools are made in setUpPools()
public abstract class PoolComparison {

  /** Worker threads of every pool. */
  @Param({"2", "4"})
  public int workers;

  /** The size of each task, in {@code Blackhole.consumeCPU} tokens. */
  @Param({"0", "50"})
  public int tokens;

  protected ThreadPool threadPool;
  protected ThreadPoolExecutor threadPoolExecutor;

  /** The capacity of both pools' request queues; {@code 0} means unbounded. */
  protected int queueCapacity() {
    return 0;
  }

  @Setup
  public void setUpPools() {
    threadPool = Workload.threadPool(workers, queueCapacity());
    threadPoolExecutor = Workload.threadPoolExecutor(workers, queueCapacity());
  }

  @TearDown
  public void tearDownPools() throws InterruptedException {
    Workload.close(threadPool);
    Workload.close(threadPoolExecutor);
  }
}
