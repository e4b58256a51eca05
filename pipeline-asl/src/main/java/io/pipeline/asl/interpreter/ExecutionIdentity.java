package io.pipeline.asl.interpreter;

/**
 * The names and ids an execution's context object shows.
 *
 * @param executionArn the execution's ARN
 * @param executionName its name
 * @param stateMachineArn the state machine's ARN
 * @param stateMachineName its name
 * @param roleArn the role the execution runs as
 * @param synchronous whether it was started with StartSyncExecution, whose executions cannot be
 *     redriven (their context object has no redrive count)
 */
public record ExecutionIdentity(
    String executionArn,
    String executionName,
    String stateMachineArn,
    String stateMachineName,
    String roleArn,
    boolean synchronous) {

  /** An identity for a state machine and execution name in a local account. */
  public static ExecutionIdentity local(String stateMachineName, String executionName) {
    String prefix = "arn:aws:states:us-east-1:000000000000:";
    return new ExecutionIdentity(
        prefix + "execution:" + stateMachineName + ":" + executionName,
        executionName,
        prefix + "stateMachine:" + stateMachineName,
        stateMachineName,
        "arn:aws:iam::000000000000:role/pipeline",
        false);
  }

  /** An identity for an Express execution in a local account. */
  public static ExecutionIdentity localExpress(
      String stateMachineName, String executionName, String runId, boolean synchronous) {
    String prefix = "arn:aws:states:us-east-1:000000000000:";
    return new ExecutionIdentity(
        prefix + "express:" + stateMachineName + ":" + executionName + ":" + runId,
        executionName,
        prefix + "stateMachine:" + stateMachineName,
        stateMachineName,
        "arn:aws:iam::000000000000:role/pipeline",
        synchronous);
  }
}
