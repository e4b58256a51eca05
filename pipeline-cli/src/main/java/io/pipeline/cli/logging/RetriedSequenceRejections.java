package io.pipeline.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Drops the embedded broker's error about an append it refused only to have it sent again: under
 * transactions version 2, a batch that reaches a partition before the first batch of its producer's
 * new epoch is refused with a retriable {@code OutOfOrderSequenceException} ("Expected sequence 0
 * for transactions v2 idempotent producer with no existing state", KAFKA-18202), and the producer
 * sends it again once the first is in. Kafka Streams under {@code exactly_once_v2} meets this at
 * the start of transactions, and the broker logs each refusal at ERROR: a burst of stack traces
 * about records that do get written. Every other event passes.
 */
public final class RetriedSequenceRejections extends KnownBrokerError {

  static final String LOGGER = "kafka.server.ReplicaManager";
  static final String EXCEPTION = "org.apache.kafka.common.errors.OutOfOrderSequenceException";
  static final String RETRIED = "idempotent producer with no existing state";

  public RetriedSequenceRejections() {
    super(LOGGER);
  }

  @Override
  boolean isIt(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    return thrown != null
        && EXCEPTION.equals(thrown.getClassName())
        && thrown.getMessage() != null
        && thrown.getMessage().contains(RETRIED);
  }
}
