/**
 * A web application that factorises batches of numbers on the auto-configured {@link
 * io.github.threadpool.ThreadPool}: work requests made with {@code makeRequests}, results delivered
 * by one polling thread, the pool watched and resized through Actuator.
 */
@NullMarked
package io.github.threadpool.sample;

import org.jspecify.annotations.NullMarked;
