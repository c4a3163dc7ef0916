package io.github.threadpool.spring.boot.cloud;

import io.github.threadpool.spring.boot.ThreadPoolProperties;
import io.github.threadpool.spring.boot.ThreadPoolReconfigurer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Applies the new configuration to the running pools, through the {@link ThreadPoolReconfigurer},
 * when an {@link EnvironmentChangeEvent} of this application context names a key under {@code
 * threadpool.}. Spring Cloud publishes the event after {@code /actuator/refresh}, {@code
 * /actuator/busrefresh} or a {@code ContextRefresher} call, once the environment holds the new
 * values, whichever backend they come from.
 *
 * <p>Runs before Spring Cloud's {@code ConfigurationPropertiesRebinder} (highest precedence), so
 * that an invalid configuration is logged and recorded as refused even though the rebinder then
 * fails on it too.
 */
class ThreadPoolEnvironmentChangeListener
    implements ApplicationListener<EnvironmentChangeEvent>, Ordered {

  private static final ConfigurationPropertyName PREFIX =
      ConfigurationPropertyName.of(ThreadPoolProperties.PREFIX);

  private final ApplicationContext context;
  private final ThreadPoolReconfigurer reconfigurer;

  /**
   * Creates a listener.
   *
   * @param context the application context whose events are handled; events of other contexts (a
   *     parent's or a child's) are not
   * @param reconfigurer applies the configuration
   */
  ThreadPoolEnvironmentChangeListener(
      ApplicationContext context, ThreadPoolReconfigurer reconfigurer) {
    this.context = Objects.requireNonNull(context, "context");
    this.reconfigurer = Objects.requireNonNull(reconfigurer, "reconfigurer");
  }

  @Override
  public void onApplicationEvent(EnvironmentChangeEvent event) {
    // As Spring Cloud's rebinder: this context's events, and those published with the keys as
    // their source (the event's older constructor).
    boolean ours = event.getSource() == context || event.getKeys().equals(event.getSource());
    if (ours && touchesThreadPools(event.getKeys())) {
      reconfigurer.reconfigure();
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /** Whether one of {@code keys}, in any of the forms Spring Boot binds, is under threadpool. */
  static boolean touchesThreadPools(Set<String> keys) {
    for (String key : keys) {
      ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
      if (PREFIX.isAncestorOf(name) || PREFIX.equals(name)) {
        return true;
      }
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.startsWith(ThreadPoolProperties.PREFIX + "_")) {
        return true; // an environment variable, such as THREADPOOL_WORKERS
      }
    }
    return false;
  }
}
