package io.pipeline.common.config;

/** Logging of a service run as its own process. */
public final class ServiceLogging {

  /** The logback configuration the services ship, on the classpath of pipeline-common. */
  public static final String CONFIGURATION = "logback-service.xml";

  private ServiceLogging() {}

  /**
   * Points logback at the services' configuration unless the user chose one. Call it first thing in
   * {@code main}, before any logger exists.
   */
  public static void useServiceConfiguration() {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", CONFIGURATION);
    }
  }
}
