package io.pipeline.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * One of the use-case examples as the orchestrator runs it: its state machine's definition (a file
 * of the project's {@code examples/} folder, which this jar carries under the same path) and the
 * activities its Task states name.
 *
 * @param name the state machine's usual name
 * @param definitionFile the definition's path under the project root, e.g. {@code
 *     examples/bank-account/account-opening.asl.json}
 * @param activities the names of the activities the definition's Task states call
 */
public record ExampleWorkflow(String name, String definitionFile, List<String> activities) {

  /** The role the examples' state machines are created with (the orchestrator does not use it). */
  public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/pipeline";

  /**
   * The ARN prefix of the activities the definitions name: the orchestrator's default region and
   * account ({@code ORCHESTRATOR_REGION}, {@code ORCHESTRATOR_ACCOUNT}).
   */
  public static final String ACTIVITY_ARN_PREFIX =
      "arn:aws:states:us-east-1:000000000000:activity:";

  public ExampleWorkflow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definitionFile, "definitionFile");
    activities = List.copyOf(activities);
  }

  /** The ARN the definition names an activity by. */
  public static String activityArn(String activity) {
    return ACTIVITY_ARN_PREFIX + activity;
  }

  /** The state machine's definition, as the file holds it. */
  public String definition() {
    return read(definitionFile);
  }

  private static String read(String file) {
    try (InputStream in = ExampleWorkflow.class.getResourceAsStream("/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException(file + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * A sample input of the example, from the {@code inputs} folder beside the definition.
   *
   * @param sample the file's name without {@code .json}, e.g. {@code valid-customer}
   */
  public String sampleInput(String sample) {
    String folder = definitionFile.substring(0, definitionFile.lastIndexOf('/') + 1);
    return read(folder + "inputs/" + sample + ".json");
  }

  /**
   * Creates the activities (CreateActivity is idempotent by name, so this may run at every start).
   *
   * @return their ARNs
   * @throws IllegalStateException when the orchestrator names them otherwise than the definition
   *     does: it runs with another region or account than the defaults
   */
  public List<String> createActivities(SfnClient sfn) {
    List<String> arns = new ArrayList<>();
    for (String activity : activities) {
      String arn = sfn.createActivity(b -> b.name(activity)).activityArn();
      if (!arn.equals(activityArn(activity))) {
        throw new IllegalStateException(
            "The orchestrator made the activity "
                + arn
                + " but "
                + definitionFile
                + " calls "
                + activityArn(activity)
                + ": run it with the default ORCHESTRATOR_REGION and ORCHESTRATOR_ACCOUNT");
      }
      arns.add(arn);
    }
    return List.copyOf(arns);
  }

  /**
   * Creates the Standard state machine under this name; the same request again returns the same
   * machine.
   *
   * @return its ARN
   */
  public String createStateMachine(SfnClient sfn, String machineName) {
    String definition = definition();
    return sfn.createStateMachine(
            b ->
                b.name(machineName)
                    .definition(definition)
                    .roleArn(ROLE_ARN)
                    .type(StateMachineType.STANDARD))
        .stateMachineArn();
  }

  /** Creates the Standard state machine under its usual {@link #name()}. */
  public String createStateMachine(SfnClient sfn) {
    return createStateMachine(sfn, name);
  }
}
