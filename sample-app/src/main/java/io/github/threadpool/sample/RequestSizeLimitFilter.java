package io.github.threadpool.sample;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code sample.max-request-size} (413) before anything reads
 * it, and a body of unknown length (411), so that no client can make the application parse an
 * unbounded body.
 */
@Component
@Profile("!" + DemoRunner.PROFILE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;

  RequestSizeLimitFilter(SampleProperties properties) {
    this.maxBytes = properties.maxRequestSize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    boolean hasBody = length > 0 || request.getHeader("Transfer-Encoding") != null;
    if (hasBody && length < 0) {
      refuse(response, HttpStatus.LENGTH_REQUIRED, "a request body must have a Content-Length");
    } else if (length > maxBytes) {
      refuse(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "the request body must be at most " + maxBytes + " bytes, was " + length);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static void refuse(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + status.getReasonPhrase()
                + "\",\"status\":"
                + status.value()
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
