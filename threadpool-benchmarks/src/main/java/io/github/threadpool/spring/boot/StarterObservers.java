package io.github.threadpool.spring.boot;

import io.github.threadpool.WorkObserver;
import java.util.List;
import java.util.Objects;

/**
 * Gives the benchmarks the starter's own {@link CompositeWorkObserver}, which is internal to the
 * starter's package, so that an observed pool is measured with the composite the starter attaches.
 */
public final class StarterObservers {

  private StarterObservers() {}

  /** Returns the starter's composite of {@code first} then {@code second}. */
  public static WorkObserver both(WorkObserver first, WorkObserver second) {
    return Objects.requireNonNull(CompositeWorkObserver.of(List.of(first, second)));
  }
}
