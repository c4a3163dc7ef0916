package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkObserver;
import io.github.threadpool.WorkTicket;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link WorkObserver} of a pool that passes each event to two of the starter's observers
 * of that pool, in order (longer lists nest). The second sees every event even if the first throws;
 * the exception is then thrown on, and the pool logs it. No allocation per event.
 */
final class CompositeWorkObserver implements WorkObserver {

  private final WorkObserver first;
  private final WorkObserver second;

  private CompositeWorkObserver(WorkObserver first, WorkObserver second) {
    this.first = first;
    this.second = second;
  }

  /** Returns one observer for {@code observers}, in their order: none, the only one, or both. */
  static @Nullable WorkObserver of(List<WorkObserver> observers) {
    WorkObserver combined = null;
    for (WorkObserver observer : observers) {
      combined = combined == null ? observer : new CompositeWorkObserver(combined, observer);
    }
    return combined;
  }

  @Override
  public void queued(ThreadPool pool, WorkTicket ticket) {
    try {
      first.queued(pool, ticket);
    } finally {
      second.queued(pool, ticket);
    }
  }

  @Override
  public void started(ThreadPool pool, WorkTicket ticket) {
    try {
      first.started(pool, ticket);
    } finally {
      second.started(pool, ticket);
    }
  }

  @Override
  public void finished(ThreadPool pool, WorkTicket ticket, boolean failed) {
    try {
      first.finished(pool, ticket, failed);
    } finally {
      second.finished(pool, ticket, failed);
    }
  }

  @Override
  public void delivering(ThreadPool pool, WorkTicket ticket) {
    try {
      first.delivering(pool, ticket);
    } finally {
      second.delivering(pool, ticket);
    }
  }

  @Override
  public void removed(ThreadPool pool, WorkTicket ticket) {
    try {
      first.removed(pool, ticket);
    } finally {
      second.removed(pool, ticket);
    }
  }
}
