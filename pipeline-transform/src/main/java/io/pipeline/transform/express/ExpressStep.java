package io.pipeline.transform.express;

import io.pipeline.asl.model.StateMachine;
import java.util.Objects;

/**
 * A step ready to deploy: as its steps file declares it, with its state machine validated.
 *
 * @param step the step
 * @param machine its state machine, which needs nothing outside the engine
 */
public record ExpressStep(StreamStep step, StateMachine machine) {

  public ExpressStep {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(machine, "machine");
  }
}
