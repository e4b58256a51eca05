package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.parse.Diagnostic;
import io.pipeline.orchestrator.machines.StateMachineArn;
import io.pipeline.orchestrator.machines.StateMachineArn.Kind;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.orchestrator.machines.StateMachineRegistry.Create;
import io.pipeline.orchestrator.machines.StateMachineRegistry.Type;
import io.pipeline.orchestrator.runtime.ActivityTopics;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The state machine actions: CreateStateMachine, DescribeStateMachine, ListStateMachines,
 * UpdateStateMachine, DeleteStateMachine, ValidateStateMachineDefinition. Their versions are {@link
 * VersionActions}'.
 */
final class MachineActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** ValidateStateMachineDefinition gives at most this many diagnostics. */
  private static final int MAX_DIAGNOSTICS = 100;

  private final StateMachineRegistry machines;
  private final ActivityTopics activityTopics;
  private final VersionActions versions;
  private final TagActions tags;
  private final ArnPages<StateMachineRecord> pages =
      new ArnPages<>("state-machines", StateMachineRecord::getArn);

  MachineActions(
      StateMachineRegistry machines,
      ActivityTopics activityTopics,
      VersionActions versions,
      TagActions tags) {
    this.machines = machines;
    this.activityTopics = activityTopics;
    this.versions = versions;
    this.tags = tags;
  }

  /** CreateStateMachine, and with {@code publish: true} its first version. */
  JsonNode create(JsonNode input) {
    Type type = type(input);
    boolean publish = VersionActions.publishing(input);
    String name = Fields.required(input, "name");
    Map<String, String> requestedTags = TagActions.requested(input, name);
    StateMachineRecord created =
        machines.create(
            new Create(
                name,
                Fields.required(input, "definition"),
                Fields.required(input, "roleArn"),
                type,
                Fields.optional(input, "description"),
                logging(input).orElse(StateMachineRegistry.Logging.OFF)));
    activityTopics.ensureFor(created.getDefinition());
    tags.created(created.getArn(), created.getCreatedAt(), requestedTags);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("stateMachineArn", created.getArn());
    answer.put("creationDate", Fields.epochSeconds(created.getCreatedAt()));
    if (publish) {
      versions.publishInto(answer, created, input);
    }
    return answer;
  }

  /**
   * The logging configuration of CreateStateMachine and UpdateStateMachine, if the request has one.
   * Its log destinations (CloudWatch log groups) are accepted and not used: events go to the
   * Express log topic.
   */
  private static Optional<StateMachineRegistry.Logging> logging(JsonNode input) {
    JsonNode logging = input.get("loggingConfiguration");
    if (logging == null || logging.isNull()) {
      return Optional.empty();
    }
    if (!logging.isObject()) {
      throw new ApiException("SerializationException", "'loggingConfiguration' must be an object");
    }
    String level = Fields.optional(logging, "level").orElse("OFF");
    try {
      return Optional.of(
          new StateMachineRegistry.Logging(
              StateMachineRegistry.LogLevel.valueOf(level),
              Fields.optionalBoolean(logging, "includeExecutionData").orElse(false)));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          "InvalidLoggingConfiguration",
          "Invalid Logging Configuration: level '" + level + "' is not ALL, ERROR, FATAL or OFF");
    }
  }

  /** DescribeStateMachine: of a state machine, or of one of its versions. */
  JsonNode describe(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineArn", Kind.MACHINE, Kind.VERSION);
    if (arn.kind() == Kind.VERSION) {
      return versions.describe(arn);
    }
    StateMachineRecord machine = Machines.existing(machines, arn.machine());
    ObjectNode answer = revision(machine);
    answer.put("status", "ACTIVE");
    answer.put("type", machine.getType());
    answer.put("creationDate", Fields.epochSeconds(machine.getCreatedAt()));
    if (!machine.getUpdatedAt().equals(machine.getCreatedAt())) {
      answer.put("updateDate", Fields.epochSeconds(machine.getUpdatedAt()));
    }
    if (machine.getDescription() != null) {
      answer.put("description", machine.getDescription());
    }
    return answer;
  }

  /**
   * What DescribeStateMachine and DescribeStateMachineForExecution both tell of a revision: its
   * ARN, name, definition, role, revision id, logging and tracing.
   */
  static ObjectNode revision(StateMachineRecord machine) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("stateMachineArn", machine.getArn());
    answer.put("name", machine.getName());
    answer.put("definition", machine.getDefinition());
    answer.put("roleArn", machine.getRoleArn());
    answer.put("revisionId", machine.getRevisionId());
    answer
        .putObject("loggingConfiguration")
        .put("level", machine.getLoggingLevel())
        .put("includeExecutionData", machine.getIncludeExecutionData());
    answer.putObject("tracingConfiguration").put("enabled", false);
    return answer;
  }

  /**
   * ValidateStateMachineDefinition: the engine's findings on a definition, errors only or (with
   * {@code severity} WARNING) warnings too, each with a JSON Pointer to where it is.
   */
  JsonNode validate(JsonNode input) {
    String definition = Fields.required(input, "definition");
    Type type = type(input);
    String severity = Fields.optional(input, "severity").orElse("ERROR");
    if (!severity.equals("ERROR") && !severity.equals("WARNING")) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value '"
              + severity
              + "' at 'severity' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [ERROR, WARNING]");
    }
    int limit = Fields.pageSize(input, MAX_DIAGNOSTICS, MAX_DIAGNOSTICS);
    List<Diagnostic> found =
        StateMachineRegistry.diagnostics(definition, type).stream()
            .filter(d -> severity.equals("WARNING") || d.severity() == Diagnostic.Severity.ERROR)
            .toList();
    ObjectNode answer = JSON.createObjectNode();
    answer.put(
        "result",
        found.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR) ? "FAIL" : "OK");
    ArrayNode diagnostics = answer.putArray("diagnostics");
    for (Diagnostic d : found.subList(0, Math.min(limit, found.size()))) {
      diagnostics
          .addObject()
          .put("severity", d.severity().name())
          .put("code", d.code())
          .put("message", d.message())
          .put("location", d.location().isEmpty() ? "/" : d.location());
    }
    answer.put("truncated", found.size() > limit);
    return answer;
  }

  private static Type type(JsonNode input) {
    String typeName = Fields.optional(input, "type").orElse("STANDARD").toUpperCase(Locale.ROOT);
    try {
      return Type.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          "ValidationException", "type '" + typeName + "' is not STANDARD or EXPRESS");
    }
  }

  /** ListStateMachines: in ARN order, paged; the token is the last ARN listed. */
  JsonNode list(JsonNode input) {
    ArnPages.Page<StateMachineRecord> page = pages.page(machines.list(), input);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode listed = answer.putArray("stateMachines");
    for (StateMachineRecord machine : page.items()) {
      listed
          .addObject()
          .put("stateMachineArn", machine.getArn())
          .put("name", machine.getName())
          .put("type", machine.getType())
          .put("creationDate", Fields.epochSeconds(machine.getCreatedAt()));
    }
    page.nextToken().ifPresent(token -> answer.put("nextToken", token));
    return answer;
  }

  /**
   * UpdateStateMachine: a new revision from the definition, role or logging given; executions that
   * run keep theirs. With {@code publish: true} the revision is published as a version too.
   */
  JsonNode update(JsonNode input) {
    String arn = machineArn(input);
    boolean publish = VersionActions.publishing(input);
    Optional<String> definition = Fields.optional(input, "definition");
    Optional<String> role = Fields.optional(input, "roleArn");
    Optional<StateMachineRegistry.Logging> logging = logging(input);
    if (definition.isEmpty()
        && role.isEmpty()
        && logging.isEmpty()
        && !input.hasNonNull("tracingConfiguration")) {
      throw new ApiException(
          "MissingRequiredParameter",
          "Missing Required Parameter: give at least one of definition, roleArn,"
              + " loggingConfiguration or tracingConfiguration");
    }
    StateMachineRecord current = Machines.existing(machines, arn);
    StateMachineRecord updated =
        machines.update(current, new StateMachineRegistry.Update(definition, role, logging));
    activityTopics.ensureFor(updated.getDefinition());
    ObjectNode answer = JSON.createObjectNode();
    answer.put("updateDate", Fields.epochSeconds(updated.getUpdatedAt()));
    answer.put("revisionId", updated.getRevisionId());
    if (publish) {
      versions.publishInto(answer, updated, input);
    }
    return answer;
  }

  /**
   * DeleteStateMachine: the machine goes with its versions and aliases; executions that run finish
   * on their revision.
   */
  JsonNode delete(JsonNode input) {
    String arn = machineArn(input);
    machines.delete(arn);
    tags.deleted(arn);
    return JSON.createObjectNode();
  }

  private static String machineArn(JsonNode input) {
    return Qualifiers.arn(input, "stateMachineArn", Kind.MACHINE).machine();
  }
}
