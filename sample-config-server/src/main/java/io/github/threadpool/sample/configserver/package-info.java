/** A Spring Cloud Config Server for running several instances of the sample application. */
@NullMarked
package io.github.threadpool.sample.configserver;

import org.jspecify.annotations.NullMarked;
