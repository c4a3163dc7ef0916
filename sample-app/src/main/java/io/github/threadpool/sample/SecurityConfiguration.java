package io.github.threadpool.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reads are open; changing a pool through the {@code threadpool} endpoint (POST, DELETE), or the
 * {@code threadpoolcluster} endpoint of the {@code cluster} profile (POST), and re-reading the
 * configuration ({@code POST /actuator/refresh}, {@code /actuator/busrefresh}, with Spring Cloud),
 * needs an operator signed in with HTTP Basic. The operator's name and password come from {@code
 * spring.security.user.*} (see the README).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  static final String OPERATOR_ROLE = "OPERATOR";

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.POST, "/actuator/threadpool/**")
                    .hasRole(OPERATOR_ROLE)
                    .requestMatchers(HttpMethod.DELETE, "/actuator/threadpool/**")
                    .hasRole(OPERATOR_ROLE)
                    .requestMatchers(HttpMethod.POST, "/actuator/refresh", "/actuator/busrefresh")
                    .hasRole(OPERATOR_ROLE)
                    .requestMatchers(HttpMethod.POST, "/actuator/threadpoolcluster/**")
                    .hasRole(OPERATOR_ROLE)
                    .anyRequest()
                    .permitAll())
        .httpBasic(Customizer.withDefaults())
        // A stateless JSON API: no session, hence no CSRF token to protect one.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }
}
