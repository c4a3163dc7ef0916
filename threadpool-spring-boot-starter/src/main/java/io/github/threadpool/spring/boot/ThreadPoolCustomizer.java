package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;

/**
 * Customizes the {@link ThreadPool.Builder} of the auto-configured pool after the {@code
 * threadpool.*} properties have been applied and before the pool is built. Customizer beans are
 * applied in their {@link org.springframework.core.Ordered order}; a later one sees and may
 * override what an earlier one set. Typical uses: a {@linkplain
 * ThreadPool.Builder#taskDecorator(java.util.function.UnaryOperator) task decorator} that carries
 * context to the workers, or settings computed at start-up.
 */
@FunctionalInterface
public interface ThreadPoolCustomizer {

  /**
   * Customizes the builder of the auto-configured pool. Called once, on the thread that creates the
   * pool bean, before any worker starts.
   *
   * @param builder the builder, already configured from the {@code threadpool.*} properties
   */
  void customize(ThreadPool.Builder builder);
}
