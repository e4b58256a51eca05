package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The context object ({@code $$}) a state sees: the execution, the state machine, the state. */
final class ContextObjects {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ContextObjects() {}

  /**
   * The context object a state of this frame sees, built once per state entered. Callers that add
   * to it (the Map item) work on a copy.
   */
  static ObjectNode of(Execution run, Frame frame) {
    if (frame.contextObject != null && frame.entered) {
      return frame.contextObject;
    }
    ObjectNode context = NODES.objectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", run.identity.executionArn());
    execution.set("Input", run.executionInput);
    execution.put("StartTime", run.startTime.toString());
    execution.put("Name", run.identity.executionName());
    execution.put("RoleArn", run.identity.roleArn());
    if (!run.identity.synchronous()) {
      execution.put("RedriveCount", run.redriveCount);
    }
    ObjectNode stateMachine = context.putObject("StateMachine");
    stateMachine.put("Id", run.identity.stateMachineArn());
    stateMachine.put("Name", run.identity.stateMachineName());
    ObjectNode state = context.putObject("State");
    state.put("Name", frame.state);
    state.put("EnteredTime", (frame.enteredTime == null ? run.now : frame.enteredTime).toString());
    if (frame.entered) {
      frame.contextObject = context;
    }
    return context;
  }
}
