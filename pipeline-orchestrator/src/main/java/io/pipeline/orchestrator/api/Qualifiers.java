package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.machines.Outcome;
import io.pipeline.orchestrator.machines.StateMachineArn;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the version and alias actions share: reading the state machine ARNs they take (unqualified,
 * version or alias, as each action allows), their descriptions, and turning a refused change into
 * Step Functions' error for it.
 */
final class Qualifiers {

  /** Step Functions' limit on a version's or an alias's description. */
  static final int MAX_DESCRIPTION = 256;

  private Qualifiers() {}

  /**
   * The ARN in a required field.
   *
   * @param allowed what the ARN may name; anything else is {@code InvalidArn}
   */
  static StateMachineArn arn(JsonNode input, String field, StateMachineArn.Kind... allowed) {
    String text = Fields.required(input, field);
    return StateMachineArn.parse(text)
        .filter(arn -> Arrays.asList(allowed).contains(arn.kind()))
        .orElseThrow(() -> invalidArn(text, field, allowed));
  }

  private static ApiException invalidArn(
      String text, String field, StateMachineArn.Kind... allowed) {
    List<String> kinds = Arrays.stream(allowed).map(Qualifiers::describe).toList();
    String found =
        StateMachineArn.parse(text)
            .map(arn -> " (it is the ARN of " + describe(arn.kind()) + ")")
            .orElse("");
    return new ApiException(
        "InvalidArn",
        "Invalid Arn: '"
            + text
            + "' at '"
            + field
            + "' is not the ARN of "
            + String.join(" or ", kinds)
            + found);
  }

  private static String describe(StateMachineArn.Kind kind) {
    return kind == StateMachineArn.Kind.MACHINE
        ? "a state machine"
        : "a state machine " + kind.name().toLowerCase(Locale.ROOT);
  }

  /** An optional description, at most {@value #MAX_DESCRIPTION} characters. */
  static Optional<String> description(JsonNode input, String field) {
    return Optional.ofNullable(ExecutionActions.limited(input, field, MAX_DESCRIPTION));
  }

  /** What a change did, or the error Step Functions answers for its refusal. */
  static <T> T accepted(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T> done) {
      return done.value();
    }
    Outcome.Refused<T> refused = (Outcome.Refused<T>) outcome;
    String type =
        switch (refused.refusal()) {
          case CONFLICT -> "ConflictException";
          case NOT_FOUND -> "ResourceNotFound";
          case QUOTA_EXCEEDED -> "ServiceQuotaExceededException";
        };
    throw new ApiException(type, refused.message());
  }
}
