package io.pipeline.orchestrator.machines;

import io.pipeline.asl.model.ActivityArn;
import io.pipeline.asl.model.IntegrationPattern;
import io.pipeline.asl.parse.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * What Express state machines may not use, as Step Functions refuses them at creation: activities,
 * the run-a-job pattern ({@code .sync}) and callbacks ({@code .waitForTaskToken}), all of which
 * wait longer than an in-memory execution lives.
 */
final class ExpressRestrictions {

  private ExpressRestrictions() {}

  /** What an Express definition uses that it may not, with where (JSON pointers). */
  static List<Diagnostic> violations(String definition) {
    List<Diagnostic> found = new ArrayList<>();
    TaskResources.of(definition).forEach(task -> check(task.resource(), task.pointer(), found));
    return found;
  }

  private static void check(String resource, String location, List<Diagnostic> found) {
    String problem = null;
    if (ActivityArn.name(resource).isPresent()) {
      problem =
          "Express state machines do not support activities: '"
              + resource
              + "' (use a STANDARD state machine)";
    } else if (IntegrationPattern.of(resource) == IntegrationPattern.RUN_A_JOB) {
      problem =
          "Express state machines do not support the '.sync' service integration pattern: '"
              + resource
              + "' (call it without .sync, or use a STANDARD state machine)";
    } else if (IntegrationPattern.of(resource) == IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
      problem =
          "Express state machines do not support the '.waitForTaskToken' service integration"
              + " pattern: '"
              + resource
              + "' (use a STANDARD state machine)";
    }
    if (problem != null) {
      found.add(Diagnostic.error("SCHEMA_VALIDATION_FAILED", problem, location));
    }
  }
}
