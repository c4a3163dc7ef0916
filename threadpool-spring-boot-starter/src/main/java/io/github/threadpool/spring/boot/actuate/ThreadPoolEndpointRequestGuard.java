package io.github.threadpool.spring.boot.actuate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Holds a {@code POST} to the {@link ThreadPoolEndpoint} in a servlet application to the documented
 * form, a JSON object such as {@code {"workers": 4}} in the body, and answers any other form with
 * 400 in the endpoint's words, changing nothing:
 *
 * <ul>
 *   <li>as a {@link HandlerInterceptor}, it refuses a query string that names one of the values
 *       ({@code workers}, {@code requestQueueCapacity}): "workers must be given in the JSON body,
 *       not in the query string". Actuator merges query parameters into a write operation's
 *       arguments, query before body, so {@code POST /actuator/threadpool/default?workers=4} would
 *       otherwise resize the pool, and a value in the query string would override the body's;
 *   <li>as a {@link HandlerExceptionResolver}, it answers a body that is not such an object (an
 *       array, a bare string, broken JSON, a value that is an array or an object) with "the body
 *       must be a JSON object such as {"workers": 4} or {"requestQueueCapacity": 100}" instead of
 *       the JSON parser's message, which names Java types.
 * </ul>
 *
 * <p>Both refusals are a {@link ResponseStatusException} handed to the application's Spring MVC
 * exception resolvers, so they are answered like the endpoint's own 400s (a problem detail where
 * the application renders them).
 */
public final class ThreadPoolEndpointRequestGuard
    implements HandlerInterceptor, HandlerExceptionResolver, Ordered {

  /** The values of the write operation, which only the JSON body may carry. */
  static final List<String> BODY_VALUES = List.of("workers", "requestQueueCapacity");

  /** Why a body that is not a JSON object of values is refused. */
  static final String UNREADABLE_BODY =
      "the body must be a JSON object such as {\"workers\": 4} or {\"requestQueueCapacity\": 100}";

  private final Supplier<@Nullable String> endpointPath;
  private final Supplier<@Nullable HandlerExceptionResolver> resolvers;

  /**
   * Creates the guard.
   *
   * @param endpointPath supplies the endpoint's path below the servlet context, such as {@code
   *     /actuator/threadpool}, or {@code null} when it is not exposed over HTTP; asked at each
   *     {@code POST}
   * @param resolvers supplies the application's Spring MVC exception resolvers, which answer the
   *     refusals; {@code null} when there are none
   */
  public ThreadPoolEndpointRequestGuard(
      Supplier<@Nullable String> endpointPath,
      Supplier<@Nullable HandlerExceptionResolver> resolvers) {
    this.endpointPath = Objects.requireNonNull(endpointPath, "endpointPath");
    this.resolvers = Objects.requireNonNull(resolvers, "resolvers");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String query = request.getQueryString();
    if (query == null || !isPostToTheEndpoint(request)) {
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

  @Override
  public @Nullable ModelAndView resolveException(
      HttpServletRequest request,
      HttpServletResponse response,
      @Nullable Object handler,
      Exception failure) {
    if (!(failure instanceof HttpMessageNotReadableException) || !isPostToTheEndpoint(request)) {
      return null;
    }
    HandlerExceptionResolver answer = resolvers.get();
    return answer != null
        ? answer.resolveException(
            request,
            response,
            handler,
            new ResponseStatusException(HttpStatus.BAD_REQUEST, UNREADABLE_BODY))
        : null;
  }

  /** Runs right after Spring Boot's error attributes have recorded the failure. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }

  private boolean isPostToTheEndpoint(HttpServletRequest request) {
    String path = endpointPath.get();
    if (path == null || !"POST".equals(request.getMethod())) {
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
