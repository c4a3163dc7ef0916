package io.github.threadpool;

/**
 * Thrown by {@link ThreadPool#putRequest(WorkRequest, boolean, java.time.Duration)} when a bounded
 * request queue stays full (at once when not blocking, or for the whole timeout). The request was
 * not accepted and left no trace: it may be put again.
 */
public class QueueFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the pool and the queue's capacity. */
  public QueueFullException(String poolName, int capacity) {
    super("request queue of pool '" + poolName + "' is full (capacity " + capacity + ")");
  }
}
