package io.pipeline.asl.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import java.time.Instant;

/** Test harness: runs a state test and expects it to run, or to be refused. */
final class Trials {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String ROLE = "arn:aws:iam::000000000000:role/tester";

  private Trials() {}

  static ExecutionIdentity identity(String roleArn) {
    String prefix = "arn:aws:states:us-east-1:000000000000:";
    return new ExecutionIdentity(
        prefix + "express:TestStateMachine:trial",
        "trial",
        prefix + "stateMachine:TestStateMachine",
        "TestStateMachine",
        roleArn,
        true);
  }

  static StateTestOutcome outcome(StateTest test) {
    return StateTester.test(test, identity(ROLE), NOW, 42L);
  }

  static StateTestResult tested(StateTest test) {
    StateTestOutcome outcome = outcome(test);
    if (outcome instanceof StateTestOutcome.Tested tested) {
      return tested.result();
    }
    throw new AssertionError("the test was refused: " + outcome);
  }

  static StateTestResult debug(StateTest test) {
    return tested(test.withInspectionLevel(InspectionLevel.DEBUG));
  }

  static Inspection inspection(StateTest test) {
    return debug(test).inspection().orElseThrow();
  }

  static StateTestOutcome.Refused refused(StateTest test) {
    return refused(test, identity(ROLE));
  }

  static StateTestOutcome.Refused refused(StateTest test, ExecutionIdentity identity) {
    StateTestOutcome outcome = StateTester.test(test, identity, NOW, 42L);
    if (outcome instanceof StateTestOutcome.Refused refused) {
      return refused;
    }
    throw new AssertionError("the test ran: " + outcome);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
