package io.pipeline.asl.model;

/**
 * How a Task state waits for a service integration, as its resource's suffix says: {@code .sync}
 * (run a job and wait for it), {@code .waitForTaskToken} (wait for a callback), or neither (the
 * call's response is the result).
 */
public enum IntegrationPattern {
  REQUEST_RESPONSE,
  RUN_A_JOB,
  WAIT_FOR_TASK_TOKEN;

  /** The pattern of a Task state's resource. */
  public static IntegrationPattern of(String resource) {
    if (resource.endsWith(".sync") || resource.matches(".*\\.sync:\\d+")) {
      return RUN_A_JOB;
    }
    if (resource.endsWith(".waitForTaskToken")) {
      return WAIT_FOR_TASK_TOKEN;
    }
    return REQUEST_RESPONSE;
  }
}
