/**
 * The cluster-backed pools: with {@code threadpool.cluster.enabled=true}, {@code
 * threadpool-hazelcast} on the class path and a {@code HazelcastInstance} bean (Spring Boot's own
 * Hazelcast auto-configuration supplies one), the pool named by {@code threadpool.cluster.pool} and
 * every {@code threadpool.pools.<name>} marked {@code cluster: true} is a {@link
 * io.github.threadpool.hazelcast.HazelcastThreadPool}, with its meters and the {@code
 * threadpoolcluster} Actuator endpoint. Everything Hazelcast-specific of the starter lives here.
 */
@NullMarked
package io.github.threadpool.spring.boot.hazelcast;

import org.jspecify.annotations.NullMarked;
