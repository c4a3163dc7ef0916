package io.github.threadpool.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A batch of numbers being factorised. Outcomes are recorded by the polling thread and read by HTTP
 * threads.
 */
final class Batch {

  private final String id;
  private final Instant created;
  private final List<Long> numbers;
  private final AtomicReferenceArray<@Nullable Object> outcomes; // List<Long> or String (error)

  Batch(String id, Instant created, List<Long> numbers) {
    this.id = id;
    this.created = created;
    this.numbers = List.copyOf(numbers);
    this.outcomes = new AtomicReferenceArray<>(numbers.size());
  }

  String id() {
    return id;
  }

  List<Long> numbers() {
    return numbers;
  }

  void recordFactors(int index, List<Long> factors) {
    outcomes.set(index, List.copyOf(factors));
  }

  void recordFailure(int index, Throwable failure) {
    outcomes.set(index, failure.getClass().getSimpleName() + ": " + failure.getMessage());
  }

  /** Returns what is known now; safe to call while outcomes arrive. */
  View view() {
    List<Result> results = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < numbers.size(); i++) {
      Object outcome = outcomes.get(i);
      if (outcome instanceof String error) {
        failures.add(new Failure(numbers.get(i), error));
      } else if (outcome instanceof List<?> factors) {
        List<Long> copy = new ArrayList<>();
        for (Object factor : factors) {
          copy.add((Long) factor);
        }
        results.add(new Result(numbers.get(i), copy));
      }
    }
    int done = results.size() + failures.size();
    return new View(
        id,
        done == numbers.size() ? "COMPLETED" : "RUNNING",
        created,
        numbers.size(),
        results.size(),
        failures.size(),
        results,
        failures);
  }

  /** The JSON answer of {@code GET /batches/{id}}. */
  record View(
      String id,
      String status,
      Instant created,
      int size,
      int completed,
      int failed,
      List<Result> results,
      List<Failure> failures) {}

  /** A number and its prime factors. */
  record Result(long number, List<Long> factors) {}

  /** A number whose factorisation failed, and why. */
  record Failure(long number, String error) {}
}
