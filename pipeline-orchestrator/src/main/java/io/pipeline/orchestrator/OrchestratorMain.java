package io.pipeline.orchestrator;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.ServiceLogging;
import io.pipeline.common.config.Settings;
import java.util.concurrent.CountDownLatch;

/** Runs the orchestrator service as its own process. */
public final class OrchestratorMain {

  private OrchestratorMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLogging.useServiceConfiguration();
    OrchestratorService service;
    try {
      service = OrchestratorService.start(Settings.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println("pipeline-orchestrator: " + e.getMessage());
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
