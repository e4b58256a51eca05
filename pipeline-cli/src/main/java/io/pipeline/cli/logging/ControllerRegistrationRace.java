package io.pipeline.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Drops the embedded broker's error about its controller registering with itself too early: in
 * combined mode, a restarted node may send its {@code CONTROLLER_REGISTRATION} request while its
 * own controller is still taking office, which refuses it with {@code NotControllerException} ("The
 * active controller appears to be node 1"). The registration is sent again and succeeds; the broker
 * logs the refusal at ERROR with a stack trace, on about one start in four. Every other event
 * passes, other requests refused the same way included.
 */
public final class ControllerRegistrationRace extends KnownBrokerError {

  static final String LOGGER = "kafka.server.ControllerApis";
  static final String REQUEST = "apiKey=CONTROLLER_REGISTRATION";
  static final String REFUSAL = "org.apache.kafka.common.errors.NotControllerException";

  public ControllerRegistrationRace() {
    super(LOGGER);
  }

  @Override
  boolean isIt(ILoggingEvent event) {
    return event.getFormattedMessage() != null
        && event.getFormattedMessage().contains(REQUEST)
        && refusedAsNotController(event.getThrowableProxy());
  }

  /** Whether the exception, or one it wraps, is the refusal. */
  private static boolean refusedAsNotController(IThrowableProxy thrown) {
    for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
      if (REFUSAL.equals(t.getClassName())) {
        return true;
      }
    }
    return false;
  }
}
