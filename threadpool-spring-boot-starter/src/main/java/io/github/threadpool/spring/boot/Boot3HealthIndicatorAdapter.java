package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolHealthCheck;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Spring Boot 3 {@code org.springframework.boot.actuate.health.HealthIndicator} of a pool, made
 * at run time: the starter is compiled against Spring Boot 4, where that interface no longer
 * exists, so the indicator is a proxy of the interface that builds its {@code Health} through
 * reflection. It reports the same {@link ThreadPoolHealthCheck} as the Boot 4 indicator.
 */
final class Boot3HealthIndicatorAdapter implements InvocationHandler {

  static final String HEALTH_INDICATOR_CLASS =
      "org.springframework.boot.actuate.health.HealthIndicator";
  static final String HEALTH_CLASS = "org.springframework.boot.actuate.health.Health";
  static final String HEALTH_CONTRIBUTOR_CLASS =
      "org.springframework.boot.actuate.health.HealthContributor";
  static final String COMPOSITE_HEALTH_CONTRIBUTOR_CLASS =
      "org.springframework.boot.actuate.health.CompositeHealthContributor";

  private final ThreadPool pool;
  private final Method status;
  private final Method withDetails;
  private final Method build;

  private Boot3HealthIndicatorAdapter(ThreadPool pool, ClassLoader classLoader)
      throws ReflectiveOperationException {
    this.pool = pool;
    Class<?> health = Class.forName(HEALTH_CLASS, false, classLoader);
    this.status = health.getMethod("status", String.class);
    Class<?> builder = status.getReturnType();
    this.withDetails = builder.getMethod("withDetails", Map.class);
    this.build = builder.getMethod("build");
  }

  /**
   * Returns a Boot 3 health indicator of {@code pool}.
   *
   * @param indicatorType the Boot 3 {@code HealthIndicator} interface
   * @throws IllegalStateException if the Boot 3 health API is not as expected
   */
  static Object create(Class<?> indicatorType, ThreadPool pool) {
    ClassLoader classLoader = indicatorType.getClassLoader();
    try {
      return Proxy.newProxyInstance(
          classLoader,
          new Class<?>[] {indicatorType},
          new Boot3HealthIndicatorAdapter(pool, classLoader));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Spring Boot 3 health API is not as expected", e);
    }
  }

  /**
   * Returns the Boot 3 health contributor of {@code pools}: the indicator of the only pool, or a
   * {@code CompositeHealthContributor} of one indicator per pool name (the first pool of each
   * name).
   *
   * @param indicatorType the Boot 3 {@code HealthIndicator} interface
   * @throws IllegalStateException if the Boot 3 health API is not as expected
   */
  static Object contributor(Class<?> indicatorType, Stream<ThreadPool> pools) {
    Map<String, Object> indicators = new LinkedHashMap<>();
    pools.forEach(
        pool -> indicators.computeIfAbsent(pool.name(), name -> create(indicatorType, pool)));
    if (indicators.size() == 1) {
      return indicators.values().iterator().next();
    }
    try {
      Class<?> composite =
          Class.forName(COMPOSITE_HEALTH_CONTRIBUTOR_CLASS, false, indicatorType.getClassLoader());
      Object contributor = composite.getMethod("fromMap", Map.class).invoke(null, indicators);
      if (contributor == null) {
        throw new IllegalStateException("CompositeHealthContributor.fromMap returned null");
      }
      return contributor;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Spring Boot 3 health API is not as expected", e);
    }
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
      throws Throwable {
    String name = method.getName();
    if (name.equals("health") && method.getParameterCount() == 0) {
      return health();
    }
    if (name.equals("toString") && method.getParameterCount() == 0) {
      return "ThreadPoolHealthIndicator[" + pool.name() + "]";
    }
    if (name.equals("hashCode") && method.getParameterCount() == 0) {
      return System.identityHashCode(proxy);
    }
    if (name.equals("equals") && method.getParameterCount() == 1) {
      return args != null && proxy == args[0];
    }
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    throw new UnsupportedOperationException(method.toString());
  }

  private Object health() throws Throwable {
    ThreadPoolHealthCheck check = ThreadPoolHealthCheck.of(pool);
    try {
      Object builder = status.invoke(null, check.status());
      withDetails.invoke(builder, check.details());
      return build.invoke(builder);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
