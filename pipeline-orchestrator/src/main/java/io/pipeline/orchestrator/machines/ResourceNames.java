package io.pipeline.orchestrator.machines;

import java.util.regex.Pattern;

/**
 * The rule for the names of state machines and activities: 1 to 80 letters, digits, '-' or '_'.
 * Stricter than Step Functions (which also takes other printable characters), because an activity's
 * name is part of its Kafka topic's name, and a state machine's of its executions' keys.
 */
public final class ResourceNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private ResourceNames() {}

  /**
   * Checks a name.
   *
   * @param kind what is named, as Step Functions' messages say it, e.g. "State Machine"
   * @throws InvalidNameException when the name breaks the rule
   */
  public static void check(String kind, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidNameException(
          "Invalid " + kind + " Name: '" + name + "' (1 to 80 letters, digits, '-' or '_')");
    }
  }
}
