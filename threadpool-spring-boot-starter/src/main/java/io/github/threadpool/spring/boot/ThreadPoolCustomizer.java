package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;

/**
 * Customizes the {@link ThreadPool.Builder} of every auto-configured pool, the default one and each
 * named one, after the {@code threadpool.*} properties and the composed task decorator have been
 * applied and before the pool is built. Customizer beans are applied in their {@link
 * org.springframework.core.Ordered order}; a later one sees and may override what an earlier one
 * set. The pool's name is set after the customizers and cannot be changed by them.
 *
 * <p>A customizer that sets a {@linkplain
 * ThreadPool.Builder#taskDecorator(java.util.function.UnaryOperator) task decorator} replaces the
 * composed one, the {@link org.springframework.core.task.TaskDecorator} beans and the context
 * propagation included. To add a decoration, declare a {@code TaskDecorator} bean instead.
 */
@FunctionalInterface
public interface ThreadPoolCustomizer {

  /**
   * Customizes the builder of an auto-configured pool. Called once per pool, on the thread that
   * creates the pool bean, before any worker starts.
   *
   * @param builder the builder, already configured from the {@code threadpool.*} properties
   */
  void customize(ThreadPool.Builder builder);
}
