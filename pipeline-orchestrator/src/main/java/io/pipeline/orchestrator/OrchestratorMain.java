package io.pipeline.orchestrator;

import io.pipeline.common.lifecycle.ServiceMain;

/** Runs the orchestrator service as its own process. */
public final class OrchestratorMain {

  private OrchestratorMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceMain.run("pipeline-orchestrator", OrchestratorService::start);
  }
}
