package io.pipeline.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotControllerException;
import org.junit.jupiter.api.Test;

class ControllerRegistrationRaceTest {

  private static final String REGISTRATION =
      "[ControllerApis nodeId=1] Unexpected error handling request RequestHeader(apiKey="
          + "CONTROLLER_REGISTRATION, apiVersion=0, clientId=1, correlationId=0, headerVersion=2)";
  private static final String OTHER_REQUEST =
      "[ControllerApis nodeId=1] Unexpected error handling request RequestHeader(apiKey="
          + "CREATE_TOPICS, apiVersion=7, clientId=admin, correlationId=3, headerVersion=2)";

  private final LoggerContext context = new LoggerContext();
  private final ControllerRegistrationRace filter = new ControllerRegistrationRace();

  private LoggingEvent event(String logger, String message, Throwable thrown) {
    Logger log = context.getLogger(logger);
    return new LoggingEvent(Logger.class.getName(), log, Level.ERROR, message, thrown, null);
  }

  private static Throwable refused() {
    return new CompletionException(
        new NotControllerException("The active controller appears to be node 1."));
  }

  @Test
  void shouldDropTheRefusalOfTheControllersRegistrationWithItself() {
    // given
    LoggingEvent raced = event(ControllerRegistrationRace.LOGGER, REGISTRATION, refused());

    // when
    FilterReply reply = filter.decide(raced);

    // then
    assertThat(reply).isEqualTo(FilterReply.DENY);
  }

  @Test
  void shouldLetOtherRequestsOtherErrorsAndOtherLoggersThrough() {
    // given
    LoggingEvent otherRequest = event(ControllerRegistrationRace.LOGGER, OTHER_REQUEST, refused());
    LoggingEvent otherError =
        event(
            ControllerRegistrationRace.LOGGER,
            REGISTRATION,
            new CompletionException(new IllegalStateException("metadata log is corrupt")));
    LoggingEvent bare = event(ControllerRegistrationRace.LOGGER, REGISTRATION, null);
    LoggingEvent elsewhere = event("kafka.server.KafkaApis", REGISTRATION, refused());

    // then
    assertThat(filter.decide(otherRequest)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(otherError)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(bare)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(elsewhere)).isEqualTo(FilterReply.NEUTRAL);
  }
}
