package io.github.threadpool.spring.boot.slowwork;

/** What a request or task took too long for. */
public enum SlowWorkKind {

  /** It waited in the request queue longer than the queue timeout. */
  QUEUE("queue"),

  /** It ran on a worker longer than the run timeout. */
  RUN("run");

  private final String tagValue;

  SlowWorkKind(String tagValue) {
    this.tagValue = tagValue;
  }

  /**
   * Returns the value of the {@code kind} tag of the meter {@code threadpool.requests.timeouts}:
   * {@code queue} or {@code run}.
   */
  public String tagValue() {
    return tagValue;
  }
}
