package io.github.threadpool.spring.boot;

/**
 * Spring Security is on the test class path for the secured HTTP tests; the other HTTP tests turn
 * its auto-configuration off with this property.
 */
final class WithoutSecurity {

  static final String PROPERTY =
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
          + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
          + "org.springframework.boot.security.autoconfigure.web.servlet."
          + "SecurityFilterAutoConfiguration,"
          + "org.springframework.boot.security.autoconfigure.web.servlet."
          + "ServletWebSecurityAutoConfiguration,"
          + "org.springframework.boot.security.autoconfigure.actuate.web.servlet."
          + "ManagementWebSecurityAutoConfiguration";

  private WithoutSecurity() {}
}
