package io.github.threadpool;

/**
 * Thrown by {@link ThreadPool#poll(boolean)} when no work request is pending: none was put, or
 * every one has been delivered — including right after the call delivered the last one, as in the
 * Python original.
 */
public class NoResultsPendingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the pool. */
  public NoResultsPendingException(String poolName) {
    super("no results pending in pool '" + poolName + "'");
  }
}
