package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolAuditListener;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ThreadPoolAuditListener}, which audits every change of a pool's
 * workers, when Actuator is present and the application has an {@link AuditEventRepository} (the
 * same condition as Spring Boot's own auditing, which stores the events).
 */
@AutoConfiguration(after = ThreadPoolAutoConfiguration.class)
@ConditionalOnClass({ThreadPool.class, AuditEventRepository.class})
@ConditionalOnBean(AuditEventRepository.class)
public class ThreadPoolAuditAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ThreadPoolAuditListener threadPoolAuditListener(ApplicationEventPublisher publisher) {
    return new ThreadPoolAuditListener(publisher);
  }
}
