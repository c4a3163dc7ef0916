package io.github.threadpool.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import org.jspecify.annotations.Nullable;

/**
 * Serialization checks with the member's own serialization service (its configured serializers,
 * Java serialization, Compact), so that what passes here also passes when Hazelcast sends it.
 *
 * <p>A check is a full round trip, not just a write: since Hazelcast 5.2 the zero-configuration
 * Compact serializer writes many objects that are not {@link java.io.Serializable} (a lambda, for
 * one) that no member can read back.
 */
final class Serialization {

  private Serialization() {}

  /**
   * Writes and reads back {@code value}.
   *
   * @throws RuntimeException whatever Hazelcast throws when it cannot
   */
  static void roundTrip(HazelcastInstance member, @Nullable Object value) {
    if (value == null) {
      return;
    }
    SerializationService service = service(member);
    Data data = service.toData(value);
    Object copy = service.toObject(data);
    if (copy == null) {
      throw new IllegalStateException("it was read back as null");
    }
    if (copy instanceof GenericRecord && !(value instanceof GenericRecord)) {
      // Compact wrote it by reflection, but its class cannot be loaded by name (a lambda, say)
      throw new IllegalStateException(
          "it can only be read back as a GenericRecord: its class cannot be loaded by name");
    }
  }

  /** Whether this instance is one Hazelcast can serialize with: a member or a client. */
  static boolean supported(HazelcastInstance instance) {
    return instance instanceof SerializationServiceSupport;
  }

  private static SerializationService service(HazelcastInstance member) {
    return ((SerializationServiceSupport) member).getSerializationService();
  }

  static String typeName(@Nullable Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  static String memberName(HazelcastInstance member) {
    try {
      return String.valueOf(member.getCluster().getLocalMember().getAddress());
    } catch (RuntimeException notRunning) {
      return "'" + member.getName() + "'";
    }
  }
}
