/**
 * Live reconfiguration through Spring Cloud: when {@code spring-cloud-context} is present, an
 * {@code EnvironmentChangeEvent} whose keys touch {@code threadpool.*} (published by {@code
 * /actuator/refresh}, {@code /actuator/busrefresh} or any {@code ContextRefresher} call, whatever
 * the configuration backend) makes the {@link
 * io.github.threadpool.spring.boot.ThreadPoolReconfigurer} apply the new configuration to the
 * running pools.
 */
@NullMarked
package io.github.threadpool.spring.boot.cloud;

import org.jspecify.annotations.NullMarked;
