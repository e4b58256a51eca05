package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.api.Fields.epochSeconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.machines.StateMachineArn;
import io.pipeline.orchestrator.machines.StateMachineArn.Kind;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.StateMachineVersion;
import java.util.List;
import java.util.Optional;

/**
 * The version actions: PublishStateMachineVersion, ListStateMachineVersions,
 * DeleteStateMachineVersion, DescribeStateMachine of a version ARN, and the {@code publish} of
 * CreateStateMachine and UpdateStateMachine.
 */
final class VersionActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TOKEN_KIND = "versions";

  /**
   * The revision id PublishStateMachineVersion takes for "the revision the state machine was
   * created with", as Step Functions does.
   */
  private static final String INITIAL = "INITIAL";

  private final StateMachineRegistry machines;

  VersionActions(StateMachineRegistry machines) {
    this.machines = machines;
  }

  /**
   * PublishStateMachineVersion: the current revision as the next version, or the latest version
   * when it has this revision already. A {@code revisionId} other than the current one is a
   * ConflictException: the state machine changed since the caller looked.
   */
  JsonNode publish(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineArn", Kind.MACHINE);
    Optional<String> description = Qualifiers.description(input, "description");
    StateMachineRecord current = Machines.existing(machines, arn.machine());
    Optional<String> expected = Fields.optional(input, "revisionId");
    if (expected.isPresent() && !isCurrent(current, expected.get())) {
      throw new ApiException(
          "ConflictException",
          "The revisionId '"
              + expected.get()
              + "' is not the current revision of '"
              + current.getArn()
              + "' ("
              + current.getRevisionId()
              + "): the state machine changed since");
    }
    StateMachineVersion version = publish(current, description);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("creationDate", epochSeconds(version.getCreatedAt()));
    answer.put("stateMachineVersionArn", version.getArn());
    return answer;
  }

  private static boolean isCurrent(StateMachineRecord current, String revisionId) {
    return INITIAL.equals(revisionId)
        ? current.getUpdatedAt().equals(current.getCreatedAt())
        : current.getRevisionId().equals(revisionId);
  }

  private StateMachineVersion publish(StateMachineRecord current, Optional<String> description) {
    return Qualifiers.accepted(machines.versions().publish(current, description));
  }

  /**
   * Whether CreateStateMachine or UpdateStateMachine asks to publish; checked before anything is
   * written. A {@code versionDescription} without {@code publish: true} is a ValidationException.
   */
  static boolean publishing(JsonNode input) {
    boolean publish = Fields.optionalBoolean(input, "publish").orElse(false);
    if (!publish && Qualifiers.description(input, "versionDescription").isPresent()) {
      throw new ApiException(
          "ValidationException",
          "'versionDescription' can only be given with 'publish' set to true");
    }
    return publish;
  }

  /**
   * Publishes the revision CreateStateMachine or UpdateStateMachine made and puts the version's ARN
   * into their answer as {@code stateMachineVersionArn}.
   */
  void publishInto(ObjectNode answer, StateMachineRecord current, JsonNode input) {
    StateMachineVersion version =
        publish(current, Qualifiers.description(input, "versionDescription"));
    answer.put("stateMachineVersionArn", version.getArn());
  }

  /** DescribeStateMachine of a version: its revision's definition, with its own date and text. */
  JsonNode describe(StateMachineArn arn) {
    StateMachineVersion version =
        machines.versions().version(arn.arn()).orElseThrow(() -> doesNotExist(arn.arn()));
    StateMachineRecord revision =
        machines
            .revision(version.getStateMachineArn(), version.getRevisionId())
            .orElseThrow(() -> doesNotExist(arn.arn()));
    ObjectNode answer = MachineActions.revision(revision);
    answer.put("stateMachineArn", version.getArn());
    answer.put("status", "ACTIVE");
    answer.put("type", revision.getType());
    answer.put("creationDate", epochSeconds(version.getCreatedAt()));
    if (version.getDescription() != null) {
      answer.put("description", version.getDescription());
    }
    return answer;
  }

  private static ApiException doesNotExist(String arn) {
    return new ApiException(
        "StateMachineDoesNotExist", "State Machine Does Not Exist: the version '" + arn + "'");
  }

  /** ListStateMachineVersions: newest first, paged; the token is the last number listed. */
  JsonNode list(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineArn", Kind.MACHINE);
    int max = ExecutionActions.pageSize(input);
    Optional<Long> before =
        Fields.optional(input, "nextToken").map(token -> readToken(token, arn.machine()));
    Machines.existing(machines, arn.machine());
    List<StateMachineVersion> rest =
        machines.versions().versions(arn.machine()).stream()
            .filter(version -> before.isEmpty() || version.getNumber() < before.get())
            .toList();
    List<StateMachineVersion> page = rest.subList(0, Math.min(max, rest.size()));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode listed = answer.putArray("stateMachineVersions");
    for (StateMachineVersion version : page) {
      listed
          .addObject()
          .put("stateMachineVersionArn", version.getArn())
          .put("creationDate", epochSeconds(version.getCreatedAt()));
    }
    if (rest.size() > max) {
      answer.put(
          "nextToken",
          PageTokens.write(
              TOKEN_KIND, arn.machine(), Long.toString(page.get(page.size() - 1).getNumber())));
    }
    return answer;
  }

  private static long readToken(String token, String machineArn) {
    List<String> position = PageTokens.read(token, TOKEN_KIND, 2, "another action's listing");
    if (!position.get(0).equals(machineArn)) {
      throw new ApiException(
          "InvalidToken", "Invalid Token: the nextToken is of another state machine's versions");
    }
    try {
      return Long.parseLong(position.get(1));
    } catch (NumberFormatException e) {
      throw PageTokens.invalid(token);
    }
  }

  /**
   * DeleteStateMachineVersion: executions running it go on. A ConflictException while an alias
   * routes to it; deleting one that does not exist is no error.
   */
  JsonNode delete(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineVersionArn", Kind.VERSION);
    Qualifiers.accepted(machines.versions().delete(arn.arn()));
    return JSON.createObjectNode();
  }
}
