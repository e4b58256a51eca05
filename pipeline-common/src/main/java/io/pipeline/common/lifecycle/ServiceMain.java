package io.pipeline.common.lifecycle;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.ServiceLogging;
import io.pipeline.common.config.Settings;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The main method of a service's own process: the service's logging, its settings from the
 * environment, a clear message and exit code 2 for a wrong setting, and a clean stop on SIGTERM.
 */
public final class ServiceMain {

  private ServiceMain() {}

  /**
   * Starts the service and returns when the process is asked to stop and the service has closed.
   *
   * @param name the service's name, in front of a configuration error
   * @param start starts the service from its settings
   */
  public static void run(String name, Function<Settings, AutoCloseable> start)
      throws InterruptedException {
    ServiceLogging.useServiceConfiguration();
    AutoCloseable service;
    try {
      service = start.apply(Settings.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println(name + " did not stop cleanly: " + e);
                  }
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }
}
