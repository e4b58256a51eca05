package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.api.Fields.epochSeconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.machines.AliasRouting;
import io.pipeline.orchestrator.machines.StateMachineAliases;
import io.pipeline.orchestrator.machines.StateMachineArn;
import io.pipeline.orchestrator.machines.StateMachineArn.Kind;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import io.pipeline.schemas.orchestrator.AliasRoute;
import io.pipeline.schemas.orchestrator.StateMachineAlias;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alias actions: CreateStateMachineAlias, DescribeStateMachineAlias, ListStateMachineAliases,
 * UpdateStateMachineAlias, DeleteStateMachineAlias.
 */
final class AliasActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TOKEN_KIND = "aliases";

  private final StateMachineRegistry machines;

  AliasActions(StateMachineRegistry machines) {
    this.machines = machines;
  }

  /** CreateStateMachineAlias: of the state machine whose versions the routing names. */
  JsonNode create(JsonNode input) {
    String name = Fields.required(input, "name");
    if (!StateMachineArn.isAliasName(name)) {
      throw new ApiException(
          "InvalidName",
          "Invalid Name: '"
              + name
              + "' at 'name' (1 to 80 letters, digits, '-', '_' or '.', and not only digits, so"
              + " that it never reads as a version number)");
    }
    Optional<String> description = Qualifiers.description(input, "description");
    List<AliasRoute> routes =
        routes(input).orElseThrow(() -> Fields.missing("routingConfiguration"));
    StateMachineAlias alias =
        Qualifiers.accepted(machines.aliases().create(name, description, routes));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("stateMachineAliasArn", alias.getArn());
    answer.put("creationDate", epochSeconds(alias.getCreatedAt()));
    return answer;
  }

  JsonNode describe(JsonNode input) {
    StateMachineAlias alias = existing(input);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("stateMachineAliasArn", alias.getArn());
    answer.put("name", alias.getName());
    if (alias.getDescription() != null) {
      answer.put("description", alias.getDescription());
    }
    ArrayNode routing = answer.putArray("routingConfiguration");
    for (AliasRoute route : alias.getRoutes()) {
      routing
          .addObject()
          .put("stateMachineVersionArn", route.getStateMachineVersionArn())
          .put("weight", route.getWeight());
    }
    answer.put("creationDate", epochSeconds(alias.getCreatedAt()));
    answer.put("updateDate", epochSeconds(alias.getUpdatedAt()));
    return answer;
  }

  /**
   * ListStateMachineAliases: of a state machine, or (given a version ARN) those routing to that
   * version; the most recently created first, paged.
   */
  JsonNode list(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineArn", Kind.MACHINE, Kind.VERSION);
    int max = ExecutionActions.pageSize(input);
    Optional<StateMachineAlias> after =
        Fields.optional(input, "nextToken").map(token -> readToken(token, arn.arn()));
    Machines.existing(machines, arn.machine());
    List<StateMachineAlias> all;
    if (arn.kind() == Kind.VERSION) {
      if (machines.versions().version(arn.arn()).isEmpty()) {
        throw new ApiException(
            "ResourceNotFound", "Resource not found: the version '" + arn + "' does not exist");
      }
      all = machines.aliases().routingTo(arn.arn());
    } else {
      all = machines.aliases().aliases(arn.machine());
    }
    List<StateMachineAlias> rest =
        all.stream()
            .filter(
                alias ->
                    after.isEmpty()
                        || StateMachineAliases.NEWEST_FIRST.compare(alias, after.get()) > 0)
            .toList();
    List<StateMachineAlias> page = rest.subList(0, Math.min(max, rest.size()));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode listed = answer.putArray("stateMachineAliases");
    for (StateMachineAlias alias : page) {
      listed
          .addObject()
          .put("stateMachineAliasArn", alias.getArn())
          .put("creationDate", epochSeconds(alias.getCreatedAt()));
    }
    if (rest.size() > max) {
      StateMachineAlias last = page.get(page.size() - 1);
      answer.put(
          "nextToken",
          PageTokens.write(
              TOKEN_KIND,
              arn.arn(),
              Long.toString(last.getCreatedAt().toEpochMilli()),
              last.getName()));
    }
    return answer;
  }

  /** UpdateStateMachineAlias: its description, its routing, or both. */
  JsonNode update(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineAliasArn", Kind.ALIAS);
    Optional<String> description = Qualifiers.description(input, "description");
    Optional<List<AliasRoute>> routes = routes(input);
    if (description.isEmpty() && routes.isEmpty()) {
      throw new ApiException(
          "ValidationException",
          "Give at least one of 'description' and 'routingConfiguration' to update an alias");
    }
    routes.ifPresent(
        r -> {
          String versionArn = r.get(0).getStateMachineVersionArn();
          if (!StateMachineArn.parse(versionArn).orElseThrow().machine().equals(arn.machine())) {
            throw new ApiException(
                "ValidationException",
                "The routing configuration's version '"
                    + versionArn
                    + "' is not a version of the alias's state machine '"
                    + arn.machine()
                    + "'");
          }
        });
    StateMachineAlias alias =
        Qualifiers.accepted(machines.aliases().update(arn.arn(), description, routes));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("updateDate", epochSeconds(alias.getUpdatedAt()));
    return answer;
  }

  /** DeleteStateMachineAlias: the versions it routes to stay. */
  JsonNode delete(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineAliasArn", Kind.ALIAS);
    Qualifiers.accepted(machines.aliases().delete(arn.arn()));
    return JSON.createObjectNode();
  }

  private StateMachineAlias existing(JsonNode input) {
    StateMachineArn arn = Qualifiers.arn(input, "stateMachineAliasArn", Kind.ALIAS);
    return machines
        .aliases()
        .alias(arn.arn())
        .orElseThrow(
            () ->
                new ApiException(
                    "ResourceNotFound",
                    "Resource not found: the alias '" + arn + "' does not exist"));
  }

  /**
   * The {@code routingConfiguration}, if given: each route's version ARN well-formed ({@code
   * InvalidArn} otherwise) and the whole as {@link AliasRouting#problem} wants it ({@code
   * ValidationException} otherwise).
   */
  private static Optional<List<AliasRoute>> routes(JsonNode input) {
    JsonNode routing = input.get("routingConfiguration");
    if (routing == null || routing.isNull()) {
      return Optional.empty();
    }
    if (!routing.isArray()) {
      throw new ApiException("SerializationException", "'routingConfiguration' must be a list");
    }
    List<AliasRoute> routes = new ArrayList<>();
    for (JsonNode item : routing) {
      if (!item.isObject()) {
        throw new ApiException(
            "SerializationException", "Each 'routingConfiguration' entry must be an object");
      }
      StateMachineArn version = Qualifiers.arn(item, "stateMachineVersionArn", Kind.VERSION);
      int weight = Fields.optionalInt(item, "weight").orElseThrow(() -> Fields.missing("weight"));
      routes.add(new AliasRoute(version.arn(), weight));
    }
    AliasRouting.problem(routes)
        .ifPresent(
            problem -> {
              throw new ApiException("ValidationException", problem);
            });
    return Optional.of(routes);
  }

  /** Page tokens name the listing (state machine or version) and the last alias listed. */
  private static StateMachineAlias readToken(String token, String listedArn) {
    List<String> position = PageTokens.read(token, TOKEN_KIND, 3, "another action's listing");
    if (!position.get(0).equals(listedArn)) {
      throw new ApiException(
          "InvalidToken", "Invalid Token: the nextToken is of another state machine's aliases");
    }
    try {
      StateMachineAlias last = new StateMachineAlias();
      last.setCreatedAt(Instant.ofEpochMilli(Long.parseLong(position.get(1))));
      last.setName(position.get(2));
      return last;
    } catch (NumberFormatException e) {
      throw PageTokens.invalid(token);
    }
  }
}
