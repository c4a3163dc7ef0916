package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast idle workers go away and come back, sampled per call (the median is the figure to read).
 * Before every timed call the pool is brought to the starting size and the benchmark waits until
 * every worker is parked on the empty queue, so each call starts from a truly idle pool.
 *
 * <ul>
 *   <li>{@code dismissIdleThreadPool}: {@code dismissWorkers(workers, true)} on a pool of {@code
 *       workers} idle workers, i.e. until every dismissed thread has exited.
 *   <li>{@code resizeDown…}: from {@code workers} idle workers to 1, timed until only one pool
 *       thread is still alive. {@link ThreadPool#resize(int)} against {@code
 *       ThreadPoolExecutor.setCorePoolSize(1)} + {@code setMaximumPoolSize(1)} (the way to make an
 *       executor's idle threads exit without waiting for a keep-alive time).
 *   <li>{@code resizeUp…}: from 1 idle worker to {@code workers}, timed until {@code workers} pool
 *       threads are alive and parked on the queue, ready to run work. {@link
 *       ThreadPool#resize(int)} against {@code setMaximumPoolSize} + {@code setCorePoolSize} +
 *       {@code prestartAllCoreThreads()}.
 * </ul>
 *
 * <p>Both pools' threads are observed the same way ({@link PoolThreads}, by thread name). Reported
 * in microseconds per call. Run it alone with
 *
 * <pre>{@code
 * java -jar threadpool-benchmarks/target/benchmarks.jar DismissalBenchmark
 * }</pre>
 *
 * or the whole suite with {@code threadpool-benchmarks/run-benchmarks.sh}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@State(Scope.Thread)
public class DismissalBenchmark {

  private static final String POOL_THREADS = "dismissal-pool-";
  private static final String EXECUTOR_THREADS = "dismissal-executor-";

  /** Workers of the full-size pool. */
  @Param({"2", "4"})
  public int workers;

  @Benchmark
  public void dismissIdleThreadPool(EmptyThreadPool state) {
    state.pool.dismissWorkers(workers, true);
  }

  @Benchmark
  public void resizeDownThreadPool(FullThreadPool state) {
    state.pool.resize(1);
    PoolThreads.awaitExactly(POOL_THREADS, 1, PoolThreads::alive);
  }

  @Benchmark
  public void resizeDownThreadPoolExecutor(FullExecutor state) {
    state.executor.setCorePoolSize(1);
    state.executor.setMaximumPoolSize(1);
    PoolThreads.awaitExactly(EXECUTOR_THREADS, 1, PoolThreads::alive);
  }

  @Benchmark
  public void resizeUpThreadPool(SmallThreadPool state) {
    state.pool.resize(workers);
    PoolThreads.awaitExactly(POOL_THREADS, workers, PoolThreads::idle);
  }

  @Benchmark
  public void resizeUpThreadPoolExecutor(SmallExecutor state) {
    state.executor.setMaximumPoolSize(workers);
    state.executor.setCorePoolSize(workers);
    state.executor.prestartAllCoreThreads();
    PoolThreads.awaitExactly(EXECUTOR_THREADS, workers, PoolThreads::idle);
  }

  private static ThreadPool threadPool() {
    return ThreadPool.builder().name("pool").threadNamePrefix("dismissal-").build();
  }

  private static ThreadPoolExecutor executor() {
    AtomicInteger numbers = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, EXECUTOR_THREADS + numbers.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), factory);
  }

  /** A pool without workers; before each call it gets {@code workers} idle ones. */
  @State(Scope.Thread)
  public static class EmptyThreadPool {
    final ThreadPool pool = threadPool();

    @Setup(Level.Invocation)
    public void addIdleWorkers(DismissalBenchmark benchmark) {
      pool.createWorkers(benchmark.workers);
      PoolThreads.awaitExactly(POOL_THREADS, benchmark.workers, PoolThreads::idle);
    }

    @TearDown
    public void close() {
      pool.close();
    }
  }

  /** A pool that has {@code workers} idle workers before each call. */
  @State(Scope.Thread)
  public static class FullThreadPool {
    final ThreadPool pool = threadPool();

    @Setup(Level.Invocation)
    public void fill(DismissalBenchmark benchmark) {
      pool.resize(benchmark.workers);
      PoolThreads.awaitExactly(POOL_THREADS, benchmark.workers, PoolThreads::idle);
    }

    @TearDown
    public void close() {
      pool.close();
    }
  }

  /** A pool that has one idle worker before each call. */
  @State(Scope.Thread)
  public static class SmallThreadPool {
    final ThreadPool pool = threadPool();

    @Setup(Level.Invocation)
    public void shrink() {
      pool.resize(1);
      pool.joinAllDismissedWorkers();
      PoolThreads.awaitExactly(POOL_THREADS, 1, PoolThreads::idle);
    }

    @TearDown
    public void close() {
      pool.close();
    }
  }

  /** An executor that has {@code workers} idle threads before each call. */
  @State(Scope.Thread)
  public static class FullExecutor {
    final ThreadPoolExecutor executor = executor();

    @Setup(Level.Invocation)
    public void fill(DismissalBenchmark benchmark) {
      executor.setMaximumPoolSize(benchmark.workers);
      executor.setCorePoolSize(benchmark.workers);
      executor.prestartAllCoreThreads();
      PoolThreads.awaitExactly(EXECUTOR_THREADS, benchmark.workers, PoolThreads::idle);
    }

    @TearDown
    public void close() throws InterruptedException {
      Workload.close(executor);
    }
  }

  /** An executor that has one idle thread before each call. */
  @State(Scope.Thread)
  public static class SmallExecutor {
    final ThreadPoolExecutor executor = executor();

    @Setup(Level.Invocation)
    public void shrink() {
      executor.setCorePoolSize(1);
      executor.setMaximumPoolSize(1);
      executor.prestartAllCoreThreads();
      PoolThreads.awaitExactly(EXECUTOR_THREADS, 1, PoolThreads::idle);
    }

    @TearDown
    public void close() throws InterruptedException {
      Workload.close(executor);
    }
  }
}
