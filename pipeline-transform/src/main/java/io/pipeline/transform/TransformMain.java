package io.pipeline.transform;

import io.pipeline.common.lifecycle.ServiceMain;

/** Runs the transform service as its own process (the Docker image's entry point). */
public final class TransformMain {

  private TransformMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceMain.run("pipeline-transform", TransformService::start);
  }
}
