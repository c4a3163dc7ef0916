package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.spring.boot.change.ThreadPoolChangeRecorder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * Builds the auto-configured pools, the default one and the named ones, all the same way: the
 * effective {@link ThreadPoolSettings}, the {@link ThreadPoolListener} beans, the composed task
 * decorator, the {@link ThreadPoolCustomizer}s, and the {@link ThreadPoolChangeRecorder}. Remembers
 * what each pool was built with, for the endpoint.
 */
final class ThreadPoolFactory {

  private final ThreadPoolProperties properties;
  private final ObjectProvider<ThreadPoolCustomizer> customizers;
  private final ObjectProvider<TaskDecorator> taskDecorators;
  private final ObjectProvider<ThreadPoolContextPropagation> contextPropagation;
  private final ObjectProvider<ThreadPoolListener> listeners;
  private final ThreadPoolChangeRecorder recorder;

  /** What each pool this factory built was configured with; held weakly, by identity. */
  private final Map<ThreadPool, Built> built = Collections.synchronizedMap(new WeakHashMap<>());

  ThreadPoolFactory(
      ThreadPoolProperties properties,
      ObjectProvider<ThreadPoolCustomizer> customizers,
      ObjectProvider<TaskDecorator> taskDecorators,
      ObjectProvider<ThreadPoolContextPropagation> contextPropagation,
      ObjectProvider<ThreadPoolListener> listeners,
      ThreadPoolChangeRecorder recorder) {
    this.properties = properties;
    this.customizers = customizers;
    this.taskDecorators = taskDecorators;
    this.contextPropagation = contextPropagation;
    this.listeners = listeners;
    this.recorder = recorder;
  }

  /**
   * Builds the pool {@code name}: its settings, the listener beans in their order, the task
   * decorator, then the customizers in their order. The name is set last, so that a customizer
   * cannot rename a pool.
   */
  ThreadPool create(String name) {
    ThreadPoolSettings settings = properties.settings(name);
    ThreadPool.Builder builder = settings.applyTo(ThreadPool.builder());
    listeners.orderedStream().forEach(builder::listener);
    TaskDecorator decorator = taskDecorator();
    if (decorator != null) {
      builder.taskDecorator(decorator::decorate);
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    builder.name(name);
    ThreadPool pool = recorder.build(builder);
    built.put(pool, new Built(settings, pool.workerCount()));
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

  private record Built(ThreadPoolSettings settings, int startWorkers) {}
}
