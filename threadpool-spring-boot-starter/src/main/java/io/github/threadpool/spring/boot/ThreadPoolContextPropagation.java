package io.github.threadpool.spring.boot;

import java.util.Objects;
import org.springframework.core.task.TaskDecorator;

/**
 * The decorator that carries the putting thread's context to the worker, when {@code
 * io.micrometer:context-propagation} is present. A type of its own, not a {@link TaskDecorator}
 * bean, so that it applies to the auto-configured pools only, never to other executors.
 */
final class ThreadPoolContextPropagation {

  private final TaskDecorator decorator;

  ThreadPoolContextPropagation(TaskDecorator decorator) {
    this.decorator = Objects.requireNonNull(decorator, "decorator");
  }

  TaskDecorator decorator() {
    return decorator;
  }
}
