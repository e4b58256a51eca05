package io.pipeline.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;

/**
 * Deploys the examples through the Step Functions API, as a user would with the AWS CLI: activities
 * and state machines from the definitions in {@code examples/}. Deploying again is harmless: an
 * activity or state machine that exists is kept (its definition updated).
 */
final class Deployer {

  private final SfnClient sfn;
  private final Path examples;

  Deployer(SfnClient sfn, Path examples) {
    this.sfn = sfn;
    this.examples = examples;
  }

  /** Creates the activities named, where missing. */
  void activities(String... names) {
    for (String name : names) {
      sfn.createActivity(b -> b.name(name));
    }
  }

  /**
   * Creates a Standard state machine from a definition file under {@code examples/}.
   *
   * @return its ARN
   */
  String stateMachine(String name, String definitionFile) {
    String definition = definition(definitionFile);
    try {
      return sfn.createStateMachine(
              b -> b.name(name).definition(definition).roleArn(DemoContext.ROLE))
          .stateMachineArn();
    } catch (StateMachineAlreadyExistsException e) {
      String arn =
          sfn.listStateMachines().stateMachines().stream()
              .filter(machine -> machine.name().equals(name))
              .findFirst()
              .orElseThrow(() -> e)
              .stateMachineArn();
      sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(definition));
      return arn;
    }
  }

  /** A file of the examples. */
  Path file(String relative) {
    Path file = examples.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new DemoException(
          "the example file "
              + file
              + " is missing: run the demo from the project (./pipeline demo) or give --examples");
    }
    return file;
  }

  private String definition(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new DemoException("cannot read " + examples.resolve(relative) + ": " + e.getMessage());
    }
  }
}
