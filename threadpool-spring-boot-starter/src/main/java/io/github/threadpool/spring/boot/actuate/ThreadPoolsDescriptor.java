package io.github.threadpool.spring.boot.actuate;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the {@code threadpool} endpoint tells about all pools.
 *
 * @param pools every pool's descriptor, by pool name, in name order
 */
public record ThreadPoolsDescriptor(Map<String, ThreadPoolDescriptor> pools)
    implements OperationResponseBody {

  /** Creates a descriptor holding an unmodifiable copy of {@code pools}. */
  public ThreadPoolsDescriptor {
    pools = Collections.unmodifiableMap(new TreeMap<>(pools));
  }
}
