package io.pipeline.orchestrator.triggers;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Starts an execution of a state machine for each event on a topic that matches a pattern.
 *
 * @param name the rule's name: 1 to 64 letters, digits, {@code .}, {@code -} or {@code _}, as
 *     EventBridge's rule names; unique among the rules
 * @param sourceTopic the Kafka topic whose records' values (JSON objects) are the events
 * @param pattern which events start an execution
 * @param stateMachineArn the state machine to start
 * @param inputTemplate what the execution gets as input
 * @param executionName how the execution is named from the event, so that a redelivered event names
 *     the execution it already started
 */
public record TriggerRule(
    String name,
    String sourceTopic,
    EventPattern pattern,
    String stateMachineArn,
    InputTemplate inputTemplate,
    ExecutionNameTemplate executionName) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern STATE_MACHINE_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}");

  /**
   * @throws IllegalArgumentException when the name, the topic or the ARN is malformed
   */
  public TriggerRule {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(inputTemplate, "inputTemplate");
    Objects.requireNonNull(executionName, "executionName");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'name' must be 1 to 64 letters, digits, '.', '-' or '_', not '" + name + "'");
    }
    if (sourceTopic == null || sourceTopic.isBlank()) {
      throw new IllegalArgumentException("'sourceTopic' must be a topic name");
    }
    if (stateMachineArn == null || !STATE_MACHINE_ARN.matcher(stateMachineArn).matches()) {
      throw new IllegalArgumentException(
          "'stateMachineArn' must be a state machine ARN, e.g."
              + " arn:aws:states:us-east-1:000000000000:stateMachine:etl, not '"
              + stateMachineArn
              + "'");
    }
  }
}
