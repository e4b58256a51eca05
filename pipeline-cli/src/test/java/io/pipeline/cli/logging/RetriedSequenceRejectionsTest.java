package io.pipeline.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class RetriedSequenceRejectionsTest {

  private static final String REFUSED =
      "Invalid sequence number for producer 21 at offset 1901 in partition t-3: 149 (incoming seq."
          + " number). Expected sequence 0 for transactions v2 idempotent producer with no existing"
          + " state.";

  private final LoggerContext context = new LoggerContext();
  private final RetriedSequenceRejections filter = new RetriedSequenceRejections();

  private LoggingEvent event(String logger, Throwable thrown) {
    Logger log = context.getLogger(logger);
    return new LoggingEvent(
        Logger.class.getName(),
        log,
        Level.ERROR,
        "Error processing append operation",
        thrown,
        null);
  }

  @Test
  void shouldDropTheBrokersErrorWhenItRefusedABatchItWillTakeOnRetry() {
    // given
    LoggingEvent refused =
        event(RetriedSequenceRejections.LOGGER, new OutOfOrderSequenceException(REFUSED));

    // when
    FilterReply reply = filter.decide(refused);

    // then
    assertThat(reply).isEqualTo(FilterReply.DENY);
  }

  @Test
  void shouldLetOtherSequenceErrorsThroughWhenTheyAreNotTheRetriedOne() {
    // given
    LoggingEvent other =
        event(
            RetriedSequenceRejections.LOGGER,
            new OutOfOrderSequenceException(
                "Out of order sequence number for producer 7: 51 (incoming seq. number), 49"
                    + " (current end sequence number)"));

    // when
    FilterReply reply = filter.decide(other);

    // then
    assertThat(reply).isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void shouldLetTheSameTextThroughWhenAnotherLoggerOrNoExceptionCarriesIt() {
    // given
    LoggingEvent elsewhere =
        event("kafka.log.UnifiedLog", new OutOfOrderSequenceException(REFUSED));
    LoggingEvent bare = event(RetriedSequenceRejections.LOGGER, null);
    LoggingEvent otherError =
        event(RetriedSequenceRejections.LOGGER, new IllegalStateException(REFUSED));

    // then
    assertThat(filter.decide(elsewhere)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(bare)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(otherError)).isEqualTo(FilterReply.NEUTRAL);
  }
}
