package io.pipeline.ingest;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.ServiceLogging;
import io.pipeline.common.config.Settings;
import java.util.concurrent.CountDownLatch;

/** Runs the ingest service as its own process (the Docker image's entry point). */
public final class IngestMain {

  private IngestMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLogging.useServiceConfiguration();
    IngestService service;
    try {
      service = IngestService.start(Settings.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println("pipeline-ingest: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }
}
