package io.github.threadpool;

/**
 * Receives changes of a {@link ThreadPool}'s worker count and its termination, for example to
 * record who resized a pool or to stop observing a pool that has ended. Register one with {@link
 * ThreadPool.Builder#listener(ThreadPoolListener)}.
 *
 * <p>Methods are called after the change, outside the pool's locks, so a listener may call the
 * pool. Events are delivered one at a time, in the order the changes happened: usually on the
 * thread that made the change, before its call returns; when changes overlap, the thread already
 * delivering events delivers the later ones too. A listener that changes the pool is told of that
 * change after it returns. Whatever a listener throws, {@link Error}s included, is logged through
 * {@link System.Logger} at {@code WARNING}; it does not undo the change, reach the caller, or keep
 * the other listeners from being told. A listener must not wait for the pool's termination.
 */
public interface ThreadPoolListener {

  /**
   * Called after {@link ThreadPool#createWorkers(int)}, {@link ThreadPool#dismissWorkers(int,
   * boolean)} or {@link ThreadPool#resize(int)}, once per call that changed the number of live
   * workers (with the real numbers, also when starting a thread failed part way); not for the
   * workers the pool starts with, nor for workers that exit because the pool shuts down.
   *
   * @param pool the pool that changed
   * @param previousWorkers the number of live workers before the call
   * @param currentWorkers the number of live workers after it
   */
  default void workersChanged(ThreadPool pool, int previousWorkers, int currentWorkers) {}

  /**
   * Called after {@link ThreadPool#setRequestQueueCapacity(int)} changed the capacity of the
   * request queue.
   *
   * @param pool the pool that changed
   * @param previousCapacity the capacity before the call, {@code 0} for unbounded
   * @param currentCapacity the capacity after it, {@code 0} for unbounded
   */
  default void requestQueueCapacityChanged(
      ThreadPool pool, int previousCapacity, int currentCapacity) {}

  /**
   * Called once when the pool terminates, usually on the thread that completed it: the last worker
   * to exit, or the thread that shut down a pool without workers. {@link ThreadPool#isTerminated()}
   * becomes true once every listener has returned; a pool whose construction failed tells nobody.
   *
   * @param pool the pool that terminated
   */
  default void terminated(ThreadPool pool) {}
}
