package io.pipeline.ingest;

import io.pipeline.common.lifecycle.ServiceMain;

/** Runs the ingest service as its own process (the Docker image's entry point). */
public final class IngestMain {

  private IngestMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceMain.run("pipeline-ingest", IngestService::start);
  }
}
