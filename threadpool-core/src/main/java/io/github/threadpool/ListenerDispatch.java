package io.github.threadpool;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Delivers the pool's events to its listeners: in the order the changes happened, one event at a
 * time, each listener isolated from the others, and never under a lock of the pool.
 *
 * <p>A change {@linkplain #post posts} its event while it still holds the lock that ordered it,
 * then {@linkplain #deliver delivers} once it has released every lock. Delivery is serial: if
 * another thread is delivering already, that thread delivers the new event too, after the earlier
 * ones. A listener that changes the pool again (and so posts another event) therefore neither
 * recurses nor deadlocks: its event is delivered after it returns.
 */
final class ListenerDispatch {

  private static final System.Logger LOGGER = System.getLogger(ThreadPool.class.getName());

  private final ThreadPool pool;
  private final List<ThreadPoolListener> listeners;
  private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean delivering = new AtomicBoolean();
  private volatile @Nullable Thread deliverer;
  private volatile boolean muted;

  ListenerDispatch(ThreadPool pool, List<ThreadPoolListener> listeners) {
    this.pool = pool;
    this.listeners = List.copyOf(listeners);
  }

  /** Queues an event for every listener; call while holding the lock that ordered the change. */
  void post(Consumer<ThreadPoolListener> event) {
    if (!listeners.isEmpty()) {
      events.add(() -> tellEach(event));
    }
  }

  /**
   * Queues an action that runs in event order after every listener has been told of the earlier
   * events, whether or not the pool has listeners.
   */
  void postAction(Runnable action) {
    events.add(action);
  }

  /** Stops telling listeners anything: for a pool whose construction failed. */
  void mute() {
    muted = true;
  }

  /** Delivers queued events unless another thread is delivering them; call holding no lock. */
  void deliver() {
    while (!events.isEmpty()) {
      if (!delivering.compareAndSet(false, true)) {
        return; // the delivering thread will see the events queued before its next check
      }
      deliverer = Thread.currentThread();
      try {
        Runnable event;
        while ((event = events.poll()) != null) {
          event.run();
        }
      } finally {
        deliverer = null;
        delivering.set(false);
      }
    }
  }

  /**
   * Returns whether the calling thread is delivering events (it is inside a listener): it must not
   * wait for anything that a later event completes, such as termination.
   */
  boolean isDeliveringThread() {
    return deliverer == Thread.currentThread();
  }

  private void tellEach(Consumer<ThreadPoolListener> event) {
    if (muted) {
      return;
    }
    for (ThreadPoolListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (Throwable t) { // an Error of one listener must not skip the others either
        LOGGER.log(
            System.Logger.Level.WARNING,
            () -> "listener " + Describe.value(listener) + " of pool '" + pool.name() + "' failed",
            t);
      }
    }
  }
}
