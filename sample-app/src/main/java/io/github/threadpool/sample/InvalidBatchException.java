package io.github.threadpool.sample;

/** A batch that cannot be accepted; its message says which item is wrong and why. */
class InvalidBatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidBatchException(String message) {
    super(message);
  }
}
