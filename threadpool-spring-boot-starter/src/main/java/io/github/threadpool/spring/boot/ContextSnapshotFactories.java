package io.github.threadpool.spring.boot;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The {@link ContextSnapshotFactory} used when the application defines none. Loaded only when
 * {@code io.micrometer:context-propagation} is present.
 */
final class ContextSnapshotFactories {

  private static final String MDC_CLASS = "org.slf4j.MDC";

  private ContextSnapshotFactories() {}

  /**
   * Returns a factory over the accessors of the global {@link ContextRegistry} (those registered
   * with {@code ServiceLoader} or in code before the pools are built, such as Micrometer's
   * observation accessor) plus, when SLF4J is present and no accessor covers it yet, the whole MDC.
   * The global registry itself is not changed, so other users of it see no difference.
   */
  static ContextSnapshotFactory withMdc(@Nullable ClassLoader classLoader) {
    ContextRegistry global = ContextRegistry.getInstance();
    boolean mdcCovered =
        global.getThreadLocalAccessors().stream()
            .anyMatch(accessor -> Slf4jThreadLocalAccessor.KEY.equals(accessor.key()));
    ContextRegistry registry = global;
    if (!mdcCovered && ClassUtils.isPresent(MDC_CLASS, classLoader)) {
      registry = new ContextRegistry();
      global.getContextAccessors().forEach(registry::registerContextAccessor);
      global.getThreadLocalAccessors().forEach(registry::registerThreadLocalAccessor);
      registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
    }
    return ContextSnapshotFactory.builder().contextRegistry(registry).build();
  }
}
