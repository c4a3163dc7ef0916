package io.github.threadpool;

import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck over {@code putRequest} / {@code poll} / {@code createWorkers} / {@code dismissWorkers},
 * checked against {@link Model}, a sequential specification without threads: a put is refused
 * exactly when a request with the same id is pending, and a poll delivers every pending request.
 *
 * <p>{@code waitForAll} keeps delivering until nothing is pending, so it also delivers requests put
 * while it runs: it is not one atomic step, and a put of a reused id concurrent with it has no
 * sequential explanation (Lincheck found exactly such "violations" in a first formulation). So
 * {@link #put(int)} (small, reused ids) and {@link #poll()} run in one thread at a time, while
 * {@link #putUnique()} (fresh ids, always accepted), {@link #createWorkers()} and {@link
 * #dismissWorkers()} run concurrently with them and with each other. After each scenario {@link
 * #closeAndCheckNothingLost()} checks that every accepted request was delivered at most once and is
 * either delivered or still accounted for by the pool.
 *
 * <p>Why stress mode: the model checker ({@code ModelCheckingOptions}) was tried first. Lincheck
 * 3.7 does track the worker threads the pool starts inside an operation, but it reports every
 * scenario as hung because an idle worker blocks on the request queue for good; and when the
 * scenario ends with {@code close()} (see {@link #closeAndCheckNothingLost()}) it still hangs,
 * because the interrupt with which shutdown and dismissal wake an idle worker does not wake a
 * thread parked under the model checker. The stress strategy runs the same scenarios on real
 * threads, where interrupts work.
 */
@Param(name = "id", gen = IntGen.class, conf = "1:3")
public class ThreadPoolLincheckTest {

  private final ThreadPool pool = ThreadPool.builder().name("lincheck").workers(0).build();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger delivered = new AtomicInteger();
  private final Queue<AtomicInteger> callbacksPerRequest = new ConcurrentLinkedQueue<>();

  /** Puts a request with the given id; {@code false} if one with that id is pending. */
  @Operation(nonParallelGroup = "client")
  public boolean put(@Param(name = "id") int id) {
    return putRequest(id);
  }

  /** Puts a request with an id no other request has; always accepted. */
  @Operation
  public boolean putUnique() {
    return putRequest(new Object());
  }

  private boolean putRequest(Object id) {
    AtomicInteger callbacks = new AtomicInteger();
    try {
      pool.putRequest(
          WorkRequest.builder(() -> 1)
              .requestId(id)
              .callback(
                  (r, v) -> {
                    callbacks.incrementAndGet();
                    delivered.incrementAndGet();
                  })
              .build());
      accepted.incrementAndGet();
      callbacksPerRequest.add(callbacks);
      return true;
    } catch (IllegalArgumentException duplicate) {
      return false;
    }
  }

  /**
   * Delivers everything pending, adding a worker if none is left (as a user would after {@link
   * NoWorkersAvailableException}). It returns nothing: {@code waitForAll} keeps delivering until
   * nothing is pending, so it may also deliver requests put while it runs, and a count would not be
   * a property of one instant.
   */
  @Operation(nonParallelGroup = "client")
  public void poll() {
    for (; ; ) {
      try {
        pool.waitForAll();
        return;
      } catch (NoWorkersAvailableException e) {
        pool.createWorkers(1);
      }
    }
  }

  @Operation
  public void createWorkers() {
    pool.createWorkers(1);
  }

  @Operation
  public void dismissWorkers() {
    pool.dismissWorkers(1);
  }

  /**
   * Runs after every scenario: stops the pool (so that no worker thread outlives it) and checks
   * that every pending request is accounted for: still queued, or finished with its result waiting
   * to be polled.
   */
  @Validate
  public void closeAndCheckNothingLost() {
    pool.close();
    ThreadPoolStats stats = pool.stats();
    if (stats.workers() + stats.dismissedWorkers() != 0
        || stats.pendingRequests() != stats.queueDepth() + stats.pendingResults()
        || accepted.get() != delivered.get() + stats.pendingRequests()
        || callbacksPerRequest.stream().anyMatch(callbacks -> callbacks.get() > 1)) {
      throw new IllegalStateException(
          "requests lost or duplicated, or workers left: "
              + stats
              + ", accepted "
              + accepted
              + ", delivered "
              + delivered);
    }
  }

  @Test
  @Timeout(120)
  void putPollCreateDismiss_areLinearizable() {
    new StressOptions()
        .sequentialSpecification(Model.class)
        .iterations(40)
        .invocationsPerIteration(200)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(2)
        .check(this.getClass());
  }

  /** The sequential specification: the pending ids, and nothing about threads. */
  public static final class Model {

    private final Set<Integer> pending = new HashSet<>();

    public boolean put(int id) {
      return pending.add(id);
    }

    public boolean putUnique() {
      return true;
    }

    public void poll() {
      pending.clear();
    }

    public void createWorkers() {}

    public void dismissWorkers() {}
  }
}
