package io.github.threadpool.spring.boot.slowwork;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.WorkObserver;
import io.github.threadpool.WorkTicket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Watches one pool's requests and tasks and reports each one that waits in the request queue longer
 * than the {@linkplain #queueTimeout() queue timeout}, or runs on a worker longer than the
 * {@linkplain #runTimeout() run timeout}, while it still waits or runs. Each is reported once per
 * kind: {@linkplain #timeouts(SlowWorkKind) counted}, logged at WARN (the pool, the request id and,
 * for running work, the worker thread and its current stack) and published as a {@link
 * SlowWorkEvent}. Running work is interrupted only if {@linkplain
 * #setInterruptOnRunTimeout(boolean) asked to}.
 *
 * <p>Register it with the pool as its {@link WorkObserver} and as a {@link ThreadPoolListener} (it
 * stops when the pool terminates). One detector serves one pool.
 *
 * <p><b>Cost.</b> With both timeouts off it only reads two fields per event. Otherwise it keeps the
 * queued work in a concurrent first-in-first-out queue and the running work in one slot per worker
 * thread (made when the worker first runs tracked work, reused for its later work: no allocation
 * per task), and one watchdog thread per pool, started when a timeout is first set, waits for the
 * earliest deadline among them (waking at least once per the shorter timeout while work is tracked,
 * never because work is added); while nothing is queued or running it parks without a timeout, so
 * an idle pool never wakes up. Reports, logging and event listeners run on the watchdog thread,
 * never on a worker; a listener that blocks delays only the next reports of this pool.
 *
 * <p><b>Changes at runtime.</b> The timeouts can be changed at any time, for example from a
 * refreshed configuration; the watchdog then measures the work it tracks against the new values at
 * once. Work is tracked from the moment it is queued or started while its timeout is set: setting a
 * timeout that was off does not reach work already queued or running.
 */
public final class SlowWorkDetector implements WorkObserver, ThreadPoolListener, AutoCloseable {

  private static final Log logger = LogFactory.getLog(SlowWorkDetector.class);

  /** The watchdog's wake-up time when it has none: it parks until it is unparked. */
  private static final long NO_DEADLINE = Long.MIN_VALUE;

  /** Timeouts are capped so that a deadline never overflows (about 73 years). */
  private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;

  private final String poolName;
  private final String watchdogName;
  private final ApplicationEventPublisher publisher;

  private volatile long queueTimeoutNanos;
  private volatile long runTimeoutNanos;
  private volatile boolean interruptOnRunTimeout;

  /**
   * Work queued while the queue timeout was set, in the order it was queued: the pool's request
   * queue is first in, first out, so the head waits longest. Work that started or was removed is
   * dropped lazily from the head, by the workers as they start work and by the watchdog, so the
   * queue holds about as many tickets as the request queue.
   */
  private final ConcurrentLinkedQueue<WorkTicket> queued = new ConcurrentLinkedQueue<>();

  private static final Slot[] NO_SLOTS = {};

  /**
   * The slot of each worker thread that ran tracked work, copied on write (a new worker adds its
   * own); the watchdog scans them. A slot holds the work started on its worker while the run
   * timeout was set, until it finishes.
   */
  private volatile Slot[] slots = NO_SLOTS;

  /**
   * The calling worker's slot, or {@code null} before it ran tracked work. One per detector, which
   * lives as long as its pool; only that pool's workers set it, and it goes with them.
   */
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<@Nullable Slot> slot = new ThreadLocal<>();

  private final LongAdder queueTimeouts = new LongAdder();
  private final LongAdder runTimeouts = new LongAdder();

  /** The observed pool, the source of the events; set by the first tracked work. */
  private volatile @Nullable ThreadPool pool;

  /**
   * When the watchdog wakes up next at the latest, or {@link #NO_DEADLINE} while it has nothing to
   * wait for: work with an earlier deadline unparks it.
   */
  private volatile long wakeAt = NO_DEADLINE;

  private volatile @Nullable Thread watchdog;
  private volatile boolean closed;

  /**
   * Creates the detector of one pool.
   *
   * @param poolName the pool's name, for the log
   * @param watchdogName the name of the watchdog thread
   * @param publisher publishes the {@link SlowWorkEvent}s, usually the application context
   * @param queueTimeout how long work may wait in the queue; {@code null} or zero: no limit
   * @param runTimeout how long work may run; {@code null} or zero: no limit
   * @param interruptOnRunTimeout whether work running past {@code runTimeout} is interrupted
   * @throws IllegalArgumentException if a timeout is negative
   */
  public SlowWorkDetector(
      String poolName,
      String watchdogName,
      ApplicationEventPublisher publisher,
      @Nullable Duration queueTimeout,
      @Nullable Duration runTimeout,
      boolean interruptOnRunTimeout) {
    this.poolName = Objects.requireNonNull(poolName, "poolName");
    this.watchdogName = Objects.requireNonNull(watchdogName, "watchdogName");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.queueTimeoutNanos = nanos("queueTimeout", queueTimeout);
    this.runTimeoutNanos = nanos("runTimeout", runTimeout);
    this.interruptOnRunTimeout = interruptOnRunTimeout;
    if (queueTimeoutNanos > 0 || runTimeoutNanos > 0) {
      startWatchdog();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Settings

  /**
   * Returns how long work may wait in the queue before it is reported, or {@code null}: no limit.
   */
  public @Nullable Duration queueTimeout() {
    return duration(queueTimeoutNanos);
  }

  /**
   * Sets how long work may wait in the queue before it is reported; {@code null} or zero turns the
   * queue timeout off. Applies at once to the queued work this detector tracks.
   *
   * @throws IllegalArgumentException if {@code queueTimeout} is negative
   */
  public void setQueueTimeout(@Nullable Duration queueTimeout) {
    long nanos = nanos("queueTimeout", queueTimeout);
    if (nanos > 0) {
      startWatchdog();
    }
    queueTimeoutNanos = nanos;
    rescan();
  }

  /** Returns how long work may run before it is reported, or {@code null}: no limit. */
  public @Nullable Duration runTimeout() {
    return duration(runTimeoutNanos);
  }

  /**
   * Sets how long work may run before it is reported; {@code null} or zero turns the run timeout
   * off. Applies at once to the running work this detector tracks.
   *
   * @throws IllegalArgumentException if {@code runTimeout} is negative
   */
  public void setRunTimeout(@Nullable Duration runTimeout) {
    long nanos = nanos("runTimeout", runTimeout);
    if (nanos > 0) {
      startWatchdog();
    }
    runTimeoutNanos = nanos;
    rescan();
  }

  /** Returns whether the worker of work running past the run timeout is interrupted. */
  public boolean isInterruptOnRunTimeout() {
    return interruptOnRunTimeout;
  }

  /** Sets whether the worker of work running past the run timeout is interrupted. */
  public void setInterruptOnRunTimeout(boolean interruptOnRunTimeout) {
    this.interruptOnRunTimeout = interruptOnRunTimeout;
  }

  /** Returns how many requests and tasks were reported for {@code kind} so far. */
  public long timeouts(SlowWorkKind kind) {
    return (kind == SlowWorkKind.QUEUE ? queueTimeouts : runTimeouts).sum();
  }

  // ---------------------------------------------------------------------------------------------
  // WorkObserver: called by the pool, on the request path

  @Override
  public void queued(ThreadPool pool, WorkTicket ticket) {
    long timeout = queueTimeoutNanos;
    if (timeout == 0) {
      return;
    }
    remember(pool);
    // A worker may have started it already: then the next sweep drops it.
    queued.offer(ticket);
    tracked(ticket.acceptedNanos() + timeout);
  }

  @Override
  public void started(ThreadPool pool, WorkTicket ticket) {
    sweepQueued();
    long timeout = runTimeoutNanos;
    if (timeout == 0) {
      return;
    }
    remember(pool);
    Slot own = slot.get();
    if (own == null) {
      own = register();
    } else {
      finish(own); // only if finished() was not called for its last work: nothing to do
    }
    own.start(ticket);
    tracked(ticket.startedNanos() + timeout);
  }

  @Override
  public void finished(ThreadPool pool, WorkTicket ticket, boolean failed) {
    Slot own = slot.get();
    if (own != null) {
      finish(own);
    }
  }

  private static void finish(Slot own) {
    if (own.finish()) {
      // The watchdog interrupted this worker for the work that has just ended: the interrupt must
      // not reach the worker's next work.
      Thread.interrupted();
    }
  }

  /** Makes the calling worker's slot, and drops the slots of workers that have ended. */
  private synchronized Slot register() {
    Slot own = new Slot(Thread.currentThread());
    Slot[] current = slots;
    Slot[] more = new Slot[current.length + 1];
    int n = 0;
    for (Slot other : current) {
      if (other.thread.isAlive()) {
        more[n++] = other;
      }
    }
    more[n++] = own;
    slots = Arrays.copyOf(more, n);
    slot.set(own);
    return own;
  }

  @Override
  public void removed(ThreadPool pool, WorkTicket ticket) {
    sweepQueued();
  }

  /** Drops the tickets at the head of {@link #queued} that no longer wait. */
  private void sweepQueued() {
    for (WorkTicket head; (head = queued.peek()) != null; ) {
      if (head.phase() == WorkTicket.Phase.QUEUED) {
        return;
      }
      queued.remove(head);
    }
  }

  /** Stops the watchdog, as {@link #close()} does, once the pool has terminated. */
  @Override
  public void terminated(ThreadPool pool) {
    close();
  }

  /**
   * Stops the watchdog thread and forgets the tracked work; nothing is reported afterwards. Calling
   * it again has no effect.
   */
  @Override
  public void close() {
    closed = true;
    Thread thread = watchdog;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
    queued.clear();
    synchronized (this) {
      slots = NO_SLOTS;
    }
  }

  @Override
  public String toString() {
    return "SlowWorkDetector[pool="
        + poolName
        + ", queueTimeout="
        + queueTimeout()
        + ", runTimeout="
        + runTimeout()
        + "]";
  }

  private void remember(ThreadPool pool) {
    if (this.pool == null) {
      this.pool = pool;
    }
  }

  /** Wakes the watchdog if work with this deadline is due before it would wake up. */
  private void tracked(long deadline) {
    long next = wakeAt;
    if (next == NO_DEADLINE || deadline - next < 0) {
      rescan();
    }
  }

  private void rescan() {
    Thread thread = watchdog;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private synchronized void startWatchdog() {
    if (watchdog != null || closed) {
      return;
    }
    Thread thread = new Thread(this::watch, watchdogName);
    thread.setDaemon(true);
    watchdog = thread;
    thread.start();
  }

  // ---------------------------------------------------------------------------------------------
  // The watchdog

  /**
   * Waits for the earliest deadline and reports what is due. Work tracked while it scans has a
   * deadline no earlier than the moment the scan began plus the shorter timeout; the watchdog
   * publishes that moment as its wake-up time during the scan, so that tracking new work does not
   * wake it, and wakes up by then at the latest if the scan found work (which it may not have seen
   * all of). While work flows it therefore wakes about once per the shorter timeout; only an
   * earlier deadline (after a timeout was shortened) unparks it sooner. When the scan finds no work
   * it parks without a timeout, after checking that nothing was tracked meanwhile (work tracked
   * after that check sees {@link #NO_DEADLINE} and unparks it): an idle pool's watchdog never
   * wakes.
   */
  private void watch() {
    while (!closed) {
      long start = System.nanoTime();
      long shortest = shortestTimeout();
      long bound = shortest == 0 ? NO_DEADLINE : start + shortest;
      wakeAt = bound;
      long found = scan(start);
      if (found == NO_DEADLINE) {
        wakeAt = NO_DEADLINE;
        if (watching() || closed) {
          continue; // tracked during the scan: scan again
        }
        LockSupport.park(this);
      } else {
        long next = earlier(found, bound);
        wakeAt = next;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
        }
      }
    }
  }

  /** Returns the shorter of the timeouts that are set, or 0 if none is. */
  private long shortestTimeout() {
    long queue = queueTimeoutNanos;
    long run = runTimeoutNanos;
    return queue == 0 ? run : run == 0 ? queue : Math.min(queue, run);
  }

  /** Returns whether any work is tracked and not reported yet. */
  private boolean watching() {
    if (!queued.isEmpty()) {
      return true;
    }
    for (Slot work : slots) {
      if (work.isUnreported()) {
        return true;
      }
    }
    return false;
  }

  /** Reports the work that is due and returns the earliest deadline of the rest. */
  private long scan(long now) {
    long next = NO_DEADLINE;
    long queueTimeout = queueTimeoutNanos;
    // The head of the queue waits longest: report it while it is due, then wait for the next.
    // Removals are atomic, so a ticket a worker dropped meanwhile is not reported.
    for (WorkTicket ticket; (ticket = queued.peek()) != null; ) {
      if (queueTimeout == 0 || ticket.phase() != WorkTicket.Phase.QUEUED) {
        queued.remove(ticket);
        continue;
      }
      long deadline = ticket.acceptedNanos() + queueTimeout;
      if (deadline - now > 0) {
        next = earlier(next, deadline);
        break;
      }
      if (queued.remove(ticket)) {
        reportQueued(ticket, now - ticket.acceptedNanos(), queueTimeout);
      }
    }
    long runTimeout = runTimeoutNanos;
    for (Slot work : slots) {
      long state = work.state();
      WorkTicket ticket = work.ticket(state);
      if (ticket == null) {
        continue; // idle, reported (only finished() ends it, to clear an interrupt), or changing
      }
      if (runTimeout == 0 || ticket.phase() != WorkTicket.Phase.RUNNING || !work.thread.isAlive()) {
        work.untrack(state); // off, or it ended and finished() has not run (yet)
        continue;
      }
      long deadline = ticket.startedNanos() + runTimeout;
      if (deadline - now > 0) {
        next = earlier(next, deadline);
      } else {
        reportRunning(work, state, ticket, now - ticket.startedNanos(), runTimeout);
      }
    }
    return next;
  }

  private void reportQueued(WorkTicket ticket, long waitedNanos, long timeoutNanos) {
    queueTimeouts.increment();
    logger.warn(
        String.format(
            "Thread pool '%s': %s has waited %d ms in the request queue, longer than the queue"
                + " timeout of %d ms, and is still queued",
            poolName, describe(ticket), millis(waitedNanos), millis(timeoutNanos)));
    publish(ticket, SlowWorkKind.QUEUE, null, waitedNanos, timeoutNanos, false, List.of());
  }

  private void reportRunning(
      Slot work, long state, WorkTicket ticket, long ranNanos, long timeoutNanos) {
    Thread worker = ticket.worker();
    if (worker == null || ticket.phase() != WorkTicket.Phase.RUNNING) {
      return; // it has just finished
    }
    List<StackTraceElement> stack = Arrays.asList(worker.getStackTrace());
    boolean interrupt = interruptOnRunTimeout;
    if (ticket.phase() != WorkTicket.Phase.RUNNING || !work.report(state, interrupt)) {
      return; // it finished meanwhile, and the stack may be of what the worker does next
    }
    if (interrupt) {
      worker.interrupt();
      work.interrupted(state);
    }
    runTimeouts.increment();
    StringBuilder message =
        new StringBuilder(
            String.format(
                "Thread pool '%s': %s has been running for %d ms on worker '%s', longer than the"
                    + " run timeout of %d ms%s; the worker's stack:",
                poolName,
                describe(ticket),
                millis(ranNanos),
                worker.getName(),
                millis(timeoutNanos),
                interrupt ? ", and is interrupted" : ""));
    for (StackTraceElement element : stack) {
      message.append(System.lineSeparator()).append("\tat ").append(element);
    }
    logger.warn(message);
    publish(ticket, SlowWorkKind.RUN, worker.getName(), ranNanos, timeoutNanos, interrupt, stack);
  }

  private void publish(
      WorkTicket ticket,
      SlowWorkKind kind,
      @Nullable String workerName,
      long elapsedNanos,
      long timeoutNanos,
      boolean interrupted,
      List<StackTraceElement> stack) {
    ThreadPool source = pool;
    if (source == null) {
      return; // unreachable: work is tracked only after remember()
    }
    try {
      publisher.publishEvent(
          new SlowWorkEvent(
              source,
              kind,
              ticket.requestId(),
              workerName,
              Duration.ofNanos(elapsedNanos),
              Duration.ofNanos(timeoutNanos),
              interrupted,
              stack));
    } catch (RuntimeException e) {
      logger.warn(
          String.format(
              "Thread pool '%s': a listener of SlowWorkEvent failed; the watchdog goes on",
              poolName),
          e);
    }
  }

  private static String describe(WorkTicket ticket) {
    Object requestId = ticket.requestId();
    return requestId != null ? "request '" + requestId + "'" : "a task";
  }

  private static long earlier(long next, long deadline) {
    if (deadline == NO_DEADLINE) {
      return next;
    }
    return next == NO_DEADLINE || deadline - next < 0 ? deadline : next;
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static long nanos(String name, @Nullable Duration timeout) {
    if (timeout == null) {
      return 0;
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          name + " must be >= 0 (0 or null: no limit), was " + timeout);
    }
    return timeout.compareTo(Duration.ofNanos(MAX_TIMEOUT_NANOS)) > 0
        ? MAX_TIMEOUT_NANOS
        : timeout.toNanos();
  }

  private static @Nullable Duration duration(long nanos) {
    return nanos == 0 ? null : Duration.ofNanos(nanos);
  }

  /**
   * One worker's running work and who saw it first: the watchdog, which reports it (and may
   * interrupt the worker), or the worker, which finishes it. An interrupt is sent only while the
   * work has not been finished, and the worker clears it in {@link #finished} if the work ended
   * meanwhile.
   *
   * <p>The state counts the worker's tracked work in its upper bits (a sequence number) and holds
   * the phase of the current one in its lowest three. Only the worker writes {@link #ticket}:
   * before it publishes a new sequence number as {@code RUNNING} when it starts work, and after it
   * leaves {@code RUNNING} (or a report's phases) when it finishes. The watchdog reads the state,
   * then the ticket, then the state again: if the state is unchanged, the ticket is the one of that
   * state (seqlock), and its compare-and-set of that exact state fails once the worker has finished
   * that work, so a report or an interrupt never lands on the worker's next work.
   */
  private static final class Slot {

    private static final long IDLE = 0;
    private static final long RUNNING = 1;
    private static final long REPORTED = 2;
    private static final long INTERRUPTING = 3;
    private static final long INTERRUPTED = 4;
    private static final long PHASE = 7;
    private static final long ONE = 8;

    final Thread thread;
    private final AtomicLong state = new AtomicLong(IDLE);
    private volatile @Nullable WorkTicket ticket;

    Slot(Thread thread) {
      this.thread = thread;
    }

    /** The worker starts tracked work; its slot is idle. */
    void start(WorkTicket work) {
      ticket = work;
      state.set((state.get() & ~PHASE) + ONE + RUNNING);
    }

    long state() {
      return state.get();
    }

    /** Returns the unreported running work of {@code observed}, or {@code null}. */
    @Nullable WorkTicket ticket(long observed) {
      if ((observed & PHASE) != RUNNING) {
        return null;
      }
      WorkTicket work = ticket;
      return state.get() == observed ? work : null;
    }

    boolean isUnreported() {
      return (state.get() & PHASE) == RUNNING;
    }

    /** The watchdog stops tracking the work of {@code observed}, unless it finished meanwhile. */
    void untrack(long observed) {
      state.compareAndSet(observed, (observed & ~PHASE) + IDLE);
    }

    /** The watchdog claims the report; returns false if the worker finished the work first. */
    boolean report(long observed, boolean interrupt) {
      return state.compareAndSet(
          observed, (observed & ~PHASE) + (interrupt ? INTERRUPTING : REPORTED));
    }

    /** The watchdog has interrupted the worker. */
    void interrupted(long observed) {
      state.set((observed & ~PHASE) + INTERRUPTED);
    }

    /**
     * The worker finishes its work; returns whether the watchdog interrupted it for this work. Does
     * nothing if the slot is idle.
     */
    boolean finish() {
      while (true) {
        long current = state.get();
        long phase = current & PHASE;
        if (phase == IDLE) {
          if (ticket != null) {
            ticket = null; // untracked by the watchdog: let the work go
          }
          return false;
        } else if (phase == INTERRUPTING) {
          Thread.onSpinWait(); // the watchdog is between its claim and the interrupt
        } else if (state.compareAndSet(current, (current & ~PHASE) + IDLE)) {
          ticket = null;
          return phase == INTERRUPTED;
        }
      }
    }
  }
}
