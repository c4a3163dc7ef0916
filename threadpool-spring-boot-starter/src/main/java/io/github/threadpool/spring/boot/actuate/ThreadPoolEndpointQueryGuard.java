package io.github.threadpool.spring.boot.actuate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a {@code POST} to the {@link ThreadPoolEndpoint} whose query string names one of its
 * values ({@code workers}, {@code requestQueueCapacity}): answers 400, "workers must be given in
 * the JSON body, not in the query string", and changes nothing. Actuator merges query parameters
 * into a write operation's arguments, query before body, so without it {@code POST
 * /actuator/threadpool/default?workers=4} would resize the pool, a form the endpoint does not
 * document, and a value in the query string would override the body's.
 *
 * <p>The refusal is a {@link ResponseStatusException}, so it is answered like the endpoint's own
 * 400s (a problem detail where the application renders them).
 */
public final class ThreadPoolEndpointQueryGuard implements HandlerInterceptor {

  /** The values of the write operation, which only the JSON body may carry. */
  static final List<String> BODY_VALUES = List.of("workers", "requestQueueCapacity");

  private final Supplier<@Nullable String> endpointPath;

  /**
   * Creates the guard.
   *
   * @param endpointPath supplies the endpoint's path below the servlet context, such as {@code
   *     /actuator/threadpool}, or {@code null} when it is not exposed over HTTP; asked at each
   *     {@code POST}
   */
  public ThreadPoolEndpointQueryGuard(Supplier<@Nullable String> endpointPath) {
    this.endpointPath = Objects.requireNonNull(endpointPath, "endpointPath");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String query = request.getQueryString();
    if (query == null || !"POST".equals(request.getMethod()) || !isForTheEndpoint(request)) {
      return true;
    }
    for (String pair : query.split("&", -1)) {
      String name = decode(pair.split("=", 2)[0]);
      if (BODY_VALUES.contains(name)) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST,
            name + " must be given in the JSON body, not in the query string");
      }
    }
    return true;
  }

  private boolean isForTheEndpoint(HttpServletRequest request) {
    String path = endpointPath.get();
    if (path == null) {
      return false;
    }
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();
    String withinContext =
        contextPath != null && uri.startsWith(contextPath)
            ? uri.substring(contextPath.length())
            : uri;
    return withinContext.equals(path) || withinContext.startsWith(path + "/");
  }

  private static String decode(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return name;
    }
  }
}
