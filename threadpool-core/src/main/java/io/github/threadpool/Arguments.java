package io.github.threadpool;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The positional and keyword arguments of one call, the Java form of the Python module's {@code
 * (args, kwds)} pair that {@link WorkRequest#makeRequests(java.util.function.Function, Iterable)}
 * accepts as one argument item.
 *
 * <p>Immutable: both collections are copied when the value is created. Neither holds {@code null}.
 *
 * @param positional the positional arguments, in order
 * @param keywords the keyword arguments by name, in no particular order
 */
public record Arguments(List<Object> positional, Map<String, Object> keywords) {

  /**
   * Copies the given collections.
   *
   * @throws NullPointerException if a collection, an element, a key or a value is {@code null}
   */
  public Arguments {
    positional = List.copyOf(Objects.requireNonNull(positional, "positional"));
    keywords = Map.copyOf(Objects.requireNonNull(keywords, "keywords"));
  }

  /**
   * Returns the arguments of one call.
   *
   * @param positional the positional arguments, in order
   * @param keywords the keyword arguments by name
   * @throws NullPointerException if a collection, an element, a key or a value is {@code null}
   */
  public static Arguments of(List<?> positional, Map<String, ?> keywords) {
    // name the parameter in the exception: List.copyOf(null) would not
    return new Arguments(
        List.copyOf(Objects.requireNonNull(positional, "positional")),
        Map.copyOf(Objects.requireNonNull(keywords, "keywords")));
  }

  /**
   * Returns the positional argument at {@code index}.
   *
   * @throws IndexOutOfBoundsException if there is no argument at {@code index}
   */
  public Object get(int index) {
    return positional.get(index);
  }

  /**
   * Returns the keyword argument {@code name}.
   *
   * @throws IllegalArgumentException if there is no keyword argument of that name
   */
  public Object get(String name) {
    Object value = keywords.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "no keyword argument '" + name + "', the keywords are " + keywords.keySet());
    }
    return value;
  }
}
