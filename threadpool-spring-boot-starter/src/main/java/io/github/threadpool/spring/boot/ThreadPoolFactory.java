package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.WorkObserver;
import io.github.threadpool.spring.boot.change.ThreadPoolChangeRecorder;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetector;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * Builds the auto-configured pools, the default one and the named ones, all the same way: the
 * effective {@link ThreadPoolSettings}, the {@link ThreadPoolListener} beans, the composed task
 * decorator, the {@link ThreadPoolCustomizer}s, and the {@link ThreadPoolChangeRecorder}. Remembers
 * what each pool was built with, for the endpoint.
 *
 * <p>A pool that is measured gets one {@link WorkObserver}: with Micrometer present, the timers of
 * its work; with Micrometer present or a queue or run timeout configured, a {@link
 * SlowWorkDetector} (registered with the {@link SlowWorkDetectors}, so that its timeouts can be
 * changed at runtime). A pool that measures nothing gets no observer and takes no timestamps.
 */
final class ThreadPoolFactory {

  private final ThreadPoolProperties properties;
  private final ObjectProvider<ThreadPoolCustomizer> customizers;
  private final ObjectProvider<TaskDecorator> taskDecorators;
  private final ObjectProvider<ThreadPoolContextPropagation> contextPropagation;
  private final ObjectProvider<ThreadPoolListener> listeners;
  private final ThreadPoolChangeRecorder recorder;
  private final ObjectProvider<WorkTimersFactory> timers;
  private final SlowWorkDetectors detectors;
  private final ApplicationEventPublisher publisher;

  /** What each pool this factory built was configured with; held weakly, by identity. */
  private final Map<ThreadPool, Built> built = Collections.synchronizedMap(new WeakHashMap<>());

  ThreadPoolFactory(
      ThreadPoolProperties properties,
      ObjectProvider<ThreadPoolCustomizer> customizers,
      ObjectProvider<TaskDecorator> taskDecorators,
      ObjectProvider<ThreadPoolContextPropagation> contextPropagation,
      ObjectProvider<ThreadPoolListener> listeners,
      ThreadPoolChangeRecorder recorder,
      ObjectProvider<WorkTimersFactory> timers,
      SlowWorkDetectors detectors,
      ApplicationEventPublisher publisher) {
    this.properties = properties;
    this.customizers = customizers;
    this.taskDecorators = taskDecorators;
    this.contextPropagation = contextPropagation;
    this.listeners = listeners;
    this.recorder = recorder;
    this.timers = timers;
    this.detectors = detectors;
    this.publisher = publisher;
  }

  /**
   * Builds the pool {@code name}: its settings, the listener beans in their order, the task
   * decorator, the observer of its work, then the customizers in their order. The name is set last,
   * so that a customizer cannot rename a pool.
   */
  ThreadPool create(String name) {
    ThreadPoolSettings settings = properties.settings(name);
    ThreadPool.Builder builder = settings.applyTo(ThreadPool.builder());
    listeners.orderedStream().forEach(builder::listener);
    TaskDecorator decorator = taskDecorator();
    if (decorator != null) {
      builder.taskDecorator(decorator::decorate);
    }
    WorkTimersFactory timing = timers.getIfAvailable();
    WorkObserver timer = timing != null ? timing.create() : null;
    SlowWorkDetector detector =
        timer != null || settings.detectsSlowWork()
            ? new SlowWorkDetector(
                name,
                settings.threadNamePrefix() + name + "-watchdog",
                publisher,
                settings.queueTimeout(),
                settings.runTimeout(),
                settings.runTimeoutInterrupt())
            : null;
    List<WorkObserver> observers = new ArrayList<>();
    if (detector != null) {
      observers.add(detector);
      builder.listener(detector);
    }
    if (timer != null) {
      observers.add(timer);
    }
    WorkObserver observer = CompositeWorkObserver.of(observers);
    if (observer != null) {
      builder.observer(observer);
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    builder.name(name);
    ThreadPool pool;
    try {
      pool = recorder.build(builder);
    } catch (RuntimeException | Error e) {
      if (detector != null) {
        detector.close();
      }
      throw e;
    }
    if (detector != null) {
      detectors.register(pool, detector);
    }
    built.put(pool, new Built(settings, pool.workerCount(), timer));
    return pool;
  }

  /**
   * Returns the lifecycle that shuts down {@code pool}, the pool {@code name}, within its
   * configured await-termination period.
   */
  ThreadPoolLifecycle lifecycle(String name, ThreadPool pool) {
    return new ThreadPoolLifecycle(pool, properties.settings(name).awaitTerminationPeriod());
  }

  /** Returns the settings {@code pool} was built with, if this factory built it. */
  Optional<ThreadPoolSettings> settings(ThreadPool pool) {
    return Optional.ofNullable(built.get(pool)).map(Built::settings);
  }

  /**
   * Returns the observer that times the work of {@code pool}, if this factory built it with one
   * (with Micrometer present).
   */
  @Nullable WorkObserver timers(ThreadPool pool) {
    Built what = built.get(pool);
    return what != null ? what.timers() : null;
  }

  /** Returns how many workers {@code pool} started with, if this factory built it. */
  @Nullable Integer startWorkers(ThreadPool pool) {
    Built what = built.get(pool);
    return what != null ? what.startWorkers() : null;
  }

  /**
   * Returns the {@link TaskDecorator} beans, in their order, composed as Spring's {@link
   * CompositeTaskDecorator} does (the first decorates the work, the next decorates that, and so
   * on), wrapped by the context propagation when it is on; {@code null} when there is none.
   */
  private @Nullable TaskDecorator taskDecorator() {
    List<TaskDecorator> decorators = new ArrayList<>(taskDecorators.orderedStream().toList());
    ThreadPoolContextPropagation propagation = contextPropagation.getIfAvailable();
    if (propagation != null) {
      decorators.add(propagation.decorator());
    }
    if (decorators.isEmpty()) {
      return null;
    }
    return decorators.size() == 1 ? decorators.get(0) : new CompositeTaskDecorator(decorators);
  }

  private record Built(
      ThreadPoolSettings settings, int startWorkers, @Nullable WorkObserver timers) {}
}
