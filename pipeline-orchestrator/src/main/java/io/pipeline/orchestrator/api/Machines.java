package io.pipeline.orchestrator.api;

import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.orchestrator.StateMachineRecord;

/** The state machine a request names, or Step Functions' error for a missing one. */
final class Machines {

  private Machines() {}

  static StateMachineRecord existing(StateMachineRegistry machines, String arn) {
    return machines
        .describe(arn)
        .orElseThrow(
            () ->
                new ApiException(
                    "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"));
  }
}
