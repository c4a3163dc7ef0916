package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.spring.boot.change.ThreadPoolChange;
import io.github.threadpool.spring.boot.change.ThreadPoolChangedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Turns every {@link ThreadPoolChangedEvent} into an {@link AuditEvent} of type {@value #TYPE},
 * published as an {@link AuditApplicationEvent}: Spring Boot's audit listener stores it in the
 * {@code AuditEventRepository}. The audit event's principal is the change's (empty when not known);
 * its data are the pool's name, the worker counts before and after, and the source.
 */
public class ThreadPoolAuditListener implements ApplicationListener<ThreadPoolChangedEvent> {

  /** The type of the audit events. */
  public static final String TYPE = "THREAD_POOL_WORKERS_CHANGED";

  private final ApplicationEventPublisher publisher;

  /** Creates a listener that publishes its audit events with {@code publisher}. */
  public ThreadPoolAuditListener(ApplicationEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void onApplicationEvent(ThreadPoolChangedEvent event) {
    ThreadPoolChange change = event.getChange();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("pool", change.pool());
    data.put("previousWorkers", change.previousWorkers());
    data.put("currentWorkers", change.currentWorkers());
    if (change.currentRequestQueueCapacity() != null) {
      data.put("previousRequestQueueCapacity", change.previousRequestQueueCapacity());
      data.put("currentRequestQueueCapacity", change.currentRequestQueueCapacity());
    }
    data.put("source", change.source());
    publisher.publishEvent(
        new AuditApplicationEvent(new AuditEvent(change.time(), change.principal(), TYPE, data)));
  }
}
