package io.github.threadpool.sample;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolStats;
import io.github.threadpool.WorkRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/**
 * Turns batches of numbers into work requests on the pool and records their outcomes. The callbacks
 * run on the {@link ResultPoller}'s thread, never on a worker.
 */
@Service
@Profile("!" + DemoRunner.PROFILE)
class BatchService {

  private final ThreadPool pool;
  private final ResultPoller poller;
  private final SampleProperties properties;
  private final Map<String, Batch> batches;
  // Request id -> index of its number in its batch; an entry lives from submit to delivery.
  private final Map<Object, Integer> slots = new HashMap<>();
  private final Object admission = new Object();

  BatchService(ThreadPool pool, ResultPoller poller, SampleProperties properties) {
    this.pool = pool;
    this.poller = poller;
    this.properties = properties;
    this.batches =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Batch> eldest) {
            return size() > properties.retainedBatches();
          }
        };
  }

  /**
   * Validates the numbers, puts one work request per number into the pool and returns the batch.
   *
   * @throws InvalidBatchException if the batch is empty, too large, or holds something that is not
   *     an integer in {@code 2..10^18}
   * @throws PoolSaturatedException if the pool's bounded request queue has no room for the whole
   *     batch; nothing of it was put
   */
  Batch submit(@Nullable List<?> numbers) {
    List<Long> parsed = parse(numbers);
    // One batch is admitted at a time, and only this service puts requests: once a batch is
    // admitted, each of its puts finds room (the put timeout is a safety net, never a wait).
    synchronized (admission) {
      ThreadPoolStats stats = pool.stats();
      int capacity = stats.queueCapacity();
      if (capacity > 0 && capacity - stats.queueDepth() < parsed.size()) {
        throw new PoolSaturatedException(
            "the pool's request queue has room for "
                + Math.max(0, capacity - stats.queueDepth())
                + " numbers, the batch holds "
                + parsed.size(),
            properties.retryAfter());
      }
      return admit(parsed);
    }
  }

  private Batch admit(List<Long> parsed) {
    Batch batch = new Batch(UUID.randomUUID().toString(), Instant.now(), parsed);
    List<WorkRequest<List<Long>>> requests =
        WorkRequest.makeRequests(
            Factorizer::factorize,
            parsed,
            (request, factors) -> batch.recordFactors(indexOf(request), factors),
            (request, failure) -> batch.recordFailure(indexOf(request), failure));
    Map<Object, Integer> indexes = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      indexes.put(requests.get(i).requestId(), i);
    }
    synchronized (slots) {
      slots.putAll(indexes);
    }
    synchronized (batches) {
      batches.put(batch.id(), batch);
    }
    for (int i = 0; i < requests.size(); i++) {
      try {
        pool.putRequest(requests.get(i), true, properties.putTimeout());
      } catch (RuntimeException notAccepted) {
        // The pool is shutting down, or its queue stayed full for the put timeout:
        // the numbers not accepted fail with the reason, so the batch still completes.
        for (int j = i; j < requests.size(); j++) {
          batch.recordFailure(indexOf(requests.get(j)), notAccepted);
        }
        break;
      }
    }
    poller.resultsExpected();
    return batch;
  }

  /** Returns the batch with that id, if it is still retained. */
  Optional<Batch> find(String id) {
    synchronized (batches) {
      return Optional.ofNullable(batches.get(id));
    }
  }

  private int indexOf(WorkRequest<?> request) {
    synchronized (slots) {
      Integer index = slots.remove(request.requestId());
      if (index == null) {
        throw new IllegalStateException("no batch slot for request " + request.requestId());
      }
      return index;
    }
  }

  private List<Long> parse(@Nullable List<?> numbers) {
    if (numbers == null || numbers.isEmpty()) {
      throw new InvalidBatchException("numbers must hold at least one number");
    }
    if (numbers.size() > properties.maxBatchSize()) {
      throw new InvalidBatchException(
          "numbers must hold at most "
              + properties.maxBatchSize()
              + " numbers, was "
              + numbers.size());
    }
    List<Long> parsed = new ArrayList<>(numbers.size());
    for (int i = 0; i < numbers.size(); i++) {
      parsed.add(parseOne(i, numbers.get(i)));
    }
    return parsed;
  }

  /** Quotes a bad value for a message: whole if short, else its first 20 characters and length. */
  static String quote(String value) {
    return value.length() <= 20
        ? "'" + value + "'"
        : "'" + value.substring(0, 20) + "...' (" + value.length() + " characters)";
  }

  private static long parseOne(int index, @Nullable Object item) {
    String text = item == null ? "null" : item.toString().trim();
    long value;
    try {
      if (!(item instanceof Number || item instanceof String) || !text.matches("[0-9]{1,19}")) {
        throw new NumberFormatException();
      }
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 2 || value > Factorizer.MAX) {
      throw new InvalidBatchException(
          "numbers["
              + index
              + "] must be an integer between 2 and "
              + Factorizer.MAX
              + ", was "
              + quote(text));
    }
    return value;
  }
}
