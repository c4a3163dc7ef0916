package io.github.threadpool.spring.boot;

import io.github.threadpool.spring.boot.ThreadPoolSettings.Violation;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * Reports values out of range to Spring Boot's binder as field errors that carry the origin of the
 * property: the file and line, or the variable, that set it. Boot's start-up failure report then
 * shows the key, the value as written, the origin and the reason, also for a named pool's keys
 * ({@code threadpool.pools.<name>.*}), whose origins the binder does not look up itself.
 */
final class ViolationErrors {

  /** The error code of every violation. */
  static final String CODE = "threadpool.outOfRange";

  /** The longest part of a value as written that a report repeats. */
  private static final int SHOWN_VALUE_LENGTH = 40;

  private ViolationErrors() {}

  /**
   * Adds {@code violation} to {@code errors}: a field error with the origin of the property that
   * holds the value (the top-level one for a value a named pool inherits), or a global error with
   * the whole message when {@code errors} cannot hold field errors of its own.
   *
   * @param environment where to find the property as written and its origin; {@code null} to show
   *     the bound value without an origin
   */
  static void reject(Errors errors, Violation violation, @Nullable Environment environment) {
    if (!(errors instanceof BindingResult result)) {
      errors.reject(CODE, violation.message());
      return;
    }
    ConfigurationProperty property =
        environment instanceof ConfigurableEnvironment configurable
            ? find(configurable, violation.sourceKey())
            : null;
    Object written = property != null ? property.getValue() : null;
    String shown =
        written != null ? shorten(String.valueOf(written)) : Violation.shown(violation.value());
    String field = violation.key().substring(ThreadPoolProperties.PREFIX.length() + 1);
    result.addError(
        new OriginTrackedError(
            ThreadPoolProperties.PREFIX,
            field,
            shown,
            violation.reason(),
            property != null ? property.getOrigin() : null));
  }

  /** Finds the property {@code key}, or else the first one below it (for a pool's name). */
  private static @Nullable ConfigurationProperty find(
      ConfigurableEnvironment environment, String key) {
    ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      ConfigurationProperty property = source.getConfigurationProperty(name);
      if (property == null && source instanceof IterableConfigurationPropertySource iterable) {
        property = firstBelow(iterable, name).orElse(null);
      }
      if (property != null) {
        return property;
      }
    }
    return null;
  }

  private static Optional<ConfigurationProperty> firstBelow(
      IterableConfigurationPropertySource source, ConfigurationPropertyName name) {
    try (Stream<ConfigurationPropertyName> names = source.stream()) {
      return names.filter(name::isAncestorOf).findFirst().map(source::getConfigurationProperty);
    }
  }

  private static String shorten(String value) {
    return value.length() <= SHOWN_VALUE_LENGTH
        ? value
        : value.substring(0, SHOWN_VALUE_LENGTH) + "… (" + value.length() + " characters)";
  }

  /** A field error that Boot's binder keeps as it is, with the origin it carries. */
  private static final class OriginTrackedError extends FieldError implements OriginProvider {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable Origin origin;

    OriginTrackedError(
        String objectName, String field, String shown, String reason, @Nullable Origin origin) {
      super(objectName, field, shown, false, new String[] {CODE}, null, reason);
      this.origin = origin;
    }

    @Override
    public @Nullable Origin getOrigin() {
      return origin;
    }

    @Override
    public String toString() {
      return origin != null ? super.toString() + "; origin " + origin : super.toString();
    }
  }
}
