package io.pipeline.asl.interpreter;

/** Where an execution is in its life. */
public enum ExecutionStatus {
  NOT_STARTED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED
}
