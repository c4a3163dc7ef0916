package io.github.threadpool;

/**
 * Thrown by a blocking {@link ThreadPool#poll(boolean) poll(true)} or {@link
 * ThreadPool#waitForAll()} when work requests are pending, no result is waiting to be delivered,
 * and no worker thread is left that could ever produce one (live or dismissed but still running a
 * job). The pending requests are kept: creating workers lets a later call deliver them.
 */
public class NoWorkersAvailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message that names the pool and the number of pending requests.
   */
  public NoWorkersAvailableException(String poolName, int pendingRequests) {
    super(
        "no workers available in pool '"
            + poolName
            + "' to process "
            + pendingRequests
            + " pending request(s); create workers to process them");
  }
}
