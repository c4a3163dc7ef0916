package io.github.threadpool.benchmarks;

import io.github.threadpool.ResultCallback;
import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The operations the throughput benchmarks time, and the pools they time them on, written once so
 * that every pool runs exactly the same work: {@value #TASKS} tasks, each burning {@code tokens} of
 * {@link Blackhole#consumeCPU(long)}.
 */
final class Workload {

  /** Tasks per benchmark operation. */
  static final int TASKS = 100_000;

  /** The capacity of the request queue in the bounded-queue benchmarks. */
  static final int BOUNDED_CAPACITY = 1_000;

  private Workload() {}

  /**
   * Hands {@value #TASKS} tasks to {@code executor} from the calling thread and waits until all
   * have run. Completion is counted with one latch, the same for every executor.
   */
  static void executeAll(Executor executor, int tokens) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(TASKS);
    Runnable task =
        () -> {
          Blackhole.consumeCPU(tokens);
          done.countDown();
        };
    for (int i = 0; i < TASKS; i++) {
      executor.execute(task);
    }
    done.await();
  }

  /**
   * The seed's path: puts {@value #TASKS} work requests, then {@link ThreadPool#waitForAll()}
   * delivers every result to its callback on the calling thread.
   *
   * @return the sum of the delivered results, which is {@value #TASKS}
   */
  static long putAndWaitForAll(ThreadPool pool, int tokens) {
    Callable<Integer> task = task(tokens);
    Sum sum = new Sum();
    ResultCallback<Integer> callback = (request, result) -> sum.add(result);
    for (int i = 0; i < TASKS; i++) {
      pool.putRequest(WorkRequest.of(task, callback));
    }
    pool.waitForAll();
    return sum.checked();
  }

  /**
   * The JDK's way to do what {@link #putAndWaitForAll} does: submits {@value #TASKS} tasks through
   * an {@link ExecutorCompletionService}, then takes every result on the calling thread and runs
   * the same callback.
   *
   * @return the sum of the delivered results, which is {@value #TASKS}
   */
  static long submitAndTakeAll(ExecutorService executor, int tokens)
      throws InterruptedException, ExecutionException {
    Callable<Integer> task = task(tokens);
    Sum sum = new Sum();
    ExecutorCompletionService<Integer> completion = new ExecutorCompletionService<>(executor);
    for (int i = 0; i < TASKS; i++) {
      Future<Integer> unused = completion.submit(task);
    }
    for (int i = 0; i < TASKS; i++) {
      sum.add(completion.take().get());
    }
    return sum.checked();
  }

  /** Returns a pool of {@code workers} workers; {@code queueCapacity} 0 means unbounded. */
  static ThreadPool threadPool(int workers, int queueCapacity) {
    return ThreadPool.builder()
        .workers(workers)
        .requestQueueCapacity(queueCapacity)
        .name("bench")
        .build();
  }

  /**
   * Returns a fixed pool of {@code workers} threads on a {@link LinkedBlockingQueue}, the queue
   * {@link ThreadPool} uses. With a capacity, {@code execute} blocks while the queue is full, as
   * {@link ThreadPool#execute} does: see {@link PutWhenFull}.
   */
  static ThreadPoolExecutor threadPoolExecutor(int workers, int queueCapacity) {
    BlockingQueue<Runnable> queue =
        queueCapacity == 0 ? new LinkedBlockingQueue<>() : new LinkedBlockingQueue<>(queueCapacity);
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            workers, workers, 0, TimeUnit.MILLISECONDS, queue, new PutWhenFull());
    executor.prestartAllCoreThreads();
    return executor;
  }

  /** Shuts {@code executor} down and waits for its threads to exit. */
  static void close(ExecutorService executor) throws InterruptedException {
    executor.shutdownNow();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("executor did not terminate: " + executor);
    }
  }

  private static Callable<Integer> task(int tokens) {
    return () -> {
      Blackhole.consumeCPU(tokens);
      return 1;
    };
  }

  /**
   * Makes a {@link ThreadPoolExecutor} with a bounded queue block the submitting thread while the
   * queue is full, by putting the task into the queue when {@code execute} could not offer it.
   *
   * <p>Chosen over a {@link java.util.concurrent.Semaphore} around {@code execute} because it is
   * the same blocking {@code LinkedBlockingQueue.put} that {@link ThreadPool} performs, and it adds
   * nothing to the tasks themselves; the price is one failed {@code offer} before each blocking
   * put, which is {@code ThreadPoolExecutor}'s own cost. (A production handler would also check for
   * shutdown after the put; a benchmark never shuts down while putting.)
   */
  static final class PutWhenFull implements RejectedExecutionHandler {
    @Override
    public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
      if (executor.isShutdown()) {
        throw new RejectedExecutionException("executor is shut down");
      }
      try {
        executor.getQueue().put(task);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RejectedExecutionException("interrupted while waiting for room", e);
      }
    }
  }

  /** Sums the results a callback receives on the polling thread. */
  private static final class Sum {
    private long total;

    void add(int result) {
      total += result;
    }

    long checked() {
      if (total != TASKS) {
        throw new IllegalStateException("delivered " + total + " results, expected " + TASKS);
      }
      return total;
    }
  }
}
