package io.github.threadpool.sample;

import io.github.threadpool.RequestPool;
import io.github.threadpool.WorkRequest;
import io.github.threadpool.hazelcast.HazelcastThreadPool;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code cluster} profile's API: {@code POST /cluster/batches} factorises a batch of numbers on
 * the cluster pool and answers, once every callback has run, with each number's factors, the member
 * that computed them, and how many numbers each member computed.
 *
 * <p>The request thread puts the batch and waits for it with {@link RequestPool#waitForAll}, so the
 * callbacks run on it. Concurrent batches may run each other's callbacks; each writes only into its
 * own batch.
 */
@RestController
@RequestMapping("/cluster/batches")
@Profile("cluster")
class ClusterBatchController {

  private static final Duration MAX_WAIT = Duration.ofMinutes(1);

  private final RequestPool pool;
  private final SampleProperties properties;

  ClusterBatchController(@Qualifier("cluster") RequestPool pool, SampleProperties properties) {
    this.pool = pool;
    this.properties = properties;
  }

  @PostMapping
  ClusterBatch factorise(@RequestBody NumbersRequest body) {
    List<Long> numbers = validate(body.numbers());
    List<Factored> results = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    for (long n : numbers) {
      pool.putRequest(
          WorkRequest.builder(new Factorise(n))
              .callback((request, factored) -> results.add(factored))
              .exceptionCallback(
                  (request, exception) -> failures.add(n + ": " + exception.getMessage()))
              .build());
    }
    boolean complete = pool.waitForAll(MAX_WAIT);
    Map<String, Integer> byMember = new TreeMap<>();
    List<Factored> sorted;
    synchronized (results) {
      results.forEach(result -> byMember.merge(result.member(), 1, Integer::sum));
      sorted = new ArrayList<>(results);
    }
    sorted.sort((a, b) -> Long.compare(a.number(), b.number()));
    return new ClusterBatch(complete, byMember, sorted, List.copyOf(failures));
  }

  private List<Long> validate(@Nullable List<Long> numbers) {
    if (numbers == null || numbers.isEmpty()) {
      throw new InvalidBatchException(
          "numbers must hold 1 to " + properties.maxBatchSize() + " numbers");
    }
    if (numbers.size() > properties.maxBatchSize()) {
      throw new InvalidBatchException(
          "numbers must hold 1 to "
              + properties.maxBatchSize()
              + " numbers, was "
              + numbers.size());
    }
    for (int i = 0; i < numbers.size(); i++) {
      Long n = numbers.get(i);
      if (n == null || n < 2 || n > Factorizer.MAX) {
        throw new InvalidBatchException(
            "numbers[" + i + "] must be between 2 and " + Factorizer.MAX + ", was " + n);
      }
    }
    return numbers;
  }

  @ExceptionHandler(InvalidBatchException.class)
  ProblemDetail invalidBatch(InvalidBatchException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid batch");
    return problem;
  }

  /** The body of {@code POST /cluster/batches}. */
  record NumbersRequest(@Nullable List<Long> numbers) {}

  /**
   * The answer: whether every number was computed within a minute, the count per member, each
   * number's factors, and the failures.
   */
  record ClusterBatch(
      boolean complete,
      Map<String, Integer> byMember,
      List<Factored> results,
      List<String> failures) {}

  /**
   * One number's factors and the member ({@code host:port} of its Hazelcast member) that ran it.
   */
  record Factored(long number, List<Long> factors, String member) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The task that travels to a member: it factorises its number there. */
  record Factorise(long number) implements Callable<Factored>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Factored call() {
      return new Factored(number, new ArrayList<>(Factorizer.factorize(number)), localMember());
    }

    /** The address of the Hazelcast member that runs this task. */
    private static String localMember() {
      return HazelcastThreadPool.currentMember()
          .map(member -> String.valueOf(member.getAddress()))
          .orElse("unknown");
    }
  }
}
