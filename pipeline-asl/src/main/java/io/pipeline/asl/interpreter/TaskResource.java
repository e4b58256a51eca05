package io.pipeline.asl.interpreter;

import io.pipeline.asl.model.ActivityArn;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What runs a Task state's work, as its history tells it: AWS records the work of an activity as
 * {@code Activity*} events and the work of any other resource as {@code Task*} events.
 */
enum TaskResource {
  ACTIVITY("Activity"),
  OTHER("Task");

  /** A service integration: {@code arn:aws:states:::<service>:<action>}. */
  private static final Pattern INTEGRATION_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]*:\\d*:([^:]+):(.+)");

  /**
   * A service integration's parts, as AWS names them in {@code TaskStarted}.
   *
   * @param resourceType the service, e.g. {@code lambda}, {@code aws-sdk}
   * @param resource the action, e.g. {@code invoke}, {@code dynamodb:createTable}
   */
  record Integration(String resourceType, String resource) {}

  private final String prefix;

  TaskResource(String prefix) {
    this.prefix = prefix;
  }

  static TaskResource of(String resource) {
    return ActivityArn.name(resource).isPresent() ? ACTIVITY : OTHER;
  }

  /** The service and action of an integration's resource; empty for any other resource. */
  static Optional<Integration> integration(String resource) {
    Matcher matcher = INTEGRATION_ARN.matcher(resource);
    return matcher.matches()
        ? Optional.of(new Integration(matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }

  String scheduled() {
    return prefix + "Scheduled";
  }

  String started() {
    return prefix + "Started";
  }

  String succeeded() {
    return prefix + "Succeeded";
  }

  String failed() {
    return prefix + "Failed";
  }

  String timedOut() {
    return prefix + "TimedOut";
  }
}
