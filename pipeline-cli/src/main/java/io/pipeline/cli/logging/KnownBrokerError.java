package io.pipeline.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops one error the embedded broker logs about something that then goes right by itself: the
 * events of one logger that {@link #isIt} recognizes. Every other event passes.
 */
abstract class KnownBrokerError extends Filter<ILoggingEvent> {

  private final String logger;

  /**
   * @param logger the broker's logger that logs it
   */
  KnownBrokerError(String logger) {
    this.logger = logger;
  }

  /** Whether an event of the logger is this error. */
  abstract boolean isIt(ILoggingEvent event);

  @Override
  public final FilterReply decide(ILoggingEvent event) {
    return logger.equals(event.getLoggerName()) && isIt(event)
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
