package io.github.threadpool;

/**
 * Receives changes of a {@link ThreadPool}'s worker count and its termination, for example to
 * record who resized a pool or to stop observing a pool that has ended. Register one with {@link
 * ThreadPool.Builder#listener(ThreadPoolListener)}.
 *
 * <p>Methods are called after the change, outside the pool's locks, so a listener may call the
 * pool. An exception thrown by a listener is logged through {@link System.Logger} at {@code
 * WARNING} and does not undo the change or reach the caller.
 */
public interface ThreadPoolListener {

  /**
   * Called on the thread that called {@link ThreadPool#createWorkers(int)}, {@link
   * ThreadPool#dismissWorkers(int, boolean)} or {@link ThreadPool#resize(int)}, once per call that
   * changed the number of live workers; not for the workers the pool starts with, nor for workers
   * that exit because the pool shuts down.
   *
   * @param pool the pool that changed
   * @param previousWorkers the number of live workers before the call
   * @param currentWorkers the number of live workers after it
   */
  default void workersChanged(ThreadPool pool, int previousWorkers, int currentWorkers) {}

  /**
   * Called once when the pool {@linkplain ThreadPool#isTerminated() terminates}, on the thread that
   * completed it: the last worker to exit, or the thread that shut down a pool without workers.
   *
   * @param pool the pool that terminated
   */
  default void terminated(ThreadPool pool) {}
}
