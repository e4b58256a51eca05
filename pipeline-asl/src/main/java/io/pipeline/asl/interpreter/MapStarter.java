package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.PathField;
import io.pipeline.asl.model.QueryLanguage;
import io.pipeline.asl.path.PathScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts a Map state: reads its items and limits, with AWS's errors, and starts iterations. */
final class MapStarter {

  private final Execution execution;
  private final StateRunner runner;
  private final JsonataStates jsonata;

  MapStarter(Execution execution, StateRunner runner, JsonataStates jsonata) {
    this.execution = execution;
    this.runner = runner;
    this.jsonata = jsonata;
  }

  void start(Frame frame, MapState map, PathScope scope) {
    start(frame, map, scope, Optional.empty());
  }

  /**
   * Starts the Map state; with an {@code ItemReader}, first asks the runtime to read the items (as
   * a task with the reader's resource) and starts once they are read.
   *
   * @param readItems the items the reader gave, when it has run
   */
  void start(Frame frame, MapState map, PathScope scope, Optional<JsonNode> readItems) {
    if (map.itemReader().isPresent() && readItems.isEmpty()) {
      readItems(frame, map, scope);
      return;
    }
    boolean isJsonata = map.io().queryLanguage() == QueryLanguage.JSONATA;
    JsonNode input = isJsonata ? frame.input : Payloads.select(map.io().inputPath(), scope);
    PathScope inputScope = scope.withData(input);
    JsonNode json = isJsonata ? settings(frame, map) : map.json();
    long maxConcurrency = integer(json, "MaxConcurrency", inputScope).orElse(0L);
    if (maxConcurrency < 0 || maxConcurrency > Integer.MAX_VALUE) {
      throw StateFailure.runtime(
          "MaxConcurrency must be between 0 and "
              + Integer.MAX_VALUE
              + ", but was "
              + maxConcurrency);
    }
    JsonNode items =
        readItems.isPresent()
            ? readItems.get()
            : isJsonata ? jsonataItems(frame, map) : items(map, inputScope);
    if (!items.isArray()) {
      throw new StateFailure(
          StatesErrors.ITEM_READER_FAILED, "The ItemReader gave no array of items: " + items);
    }
    runner.emit(frame, "MapStateStarted", map, null, null);
    Optional<Long> toleratedCount = integer(json, "ToleratedFailureCount", inputScope);
    if (toleratedCount.isPresent() && toleratedCount.get() < 0) {
      throw StateFailure.runtime("ToleratedFailureCount cannot be negative.");
    }
    Optional<Double> toleratedPercentage = percentage(json, inputScope);
    if (toleratedPercentage.isPresent()
        && (toleratedPercentage.get() < 0 || toleratedPercentage.get() > 100)) {
      throw StateFailure.runtime("ToleratedFailurePercentage must be between 0 and 100.");
    }
    if (map.distributed()) {
      runner.emit(frame, "MapRunStarted", map, null, null);
    }
    List<JsonNode> itemInputs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (map.itemSelector().isPresent() && isJsonata) {
        itemInputs.add(jsonata.itemSelector(frame, map.itemSelector().get(), i, item));
      } else if (map.itemSelector().isPresent()) {
        ObjectNode context =
            execution.contextObject(frame).objectNode().setAll(execution.contextObject(frame));
        ObjectNode mapItem = context.putObject("Map").putObject("Item");
        mapItem.put("Index", i);
        mapItem.set("Value", item);
        PathScope itemScope = new PathScope(input, context, frame.variables);
        itemInputs.add(Payloads.template(map.itemSelector().get(), itemScope, execution.random));
      } else {
        itemInputs.add(item);
      }
    }
    if (map.itemBatcher().isPresent()) {
      itemInputs =
          ItemBatches.of(
              map.itemBatcher().get(),
              itemInputs,
              inputScope,
              execution,
              frame,
              jsonata,
              isJsonata);
    }
    Tolerance tolerance = Tolerance.of(toleratedCount, toleratedPercentage);
    if (map.distributed() && execution.childExecutions) {
      runner.remoteRuns().start(frame, map, itemInputs, (int) maxConcurrency, tolerance);
      return;
    }
    Children children =
        new Children(true, map.distributed(), input, itemInputs, (int) maxConcurrency, tolerance);
    runner.startChildren(frame, children, List.of(map.processor()));
  }

  /** Asks the runtime to read the items: a task with the reader's resource and settings. */
  private void readItems(Frame frame, MapState map, PathScope scope) {
    JsonNode reader = map.itemReader().orElseThrow();
    ObjectNode request = reader.deepCopy();
    boolean isJsonata = map.io().queryLanguage() == QueryLanguage.JSONATA;
    if (isJsonata && reader.has("Arguments")) {
      request.set("Arguments", jsonata.field(frame, reader.get("Arguments"), "Arguments"));
    } else if (reader.has("Parameters")) {
      JsonNode input = Payloads.select(map.io().inputPath(), scope);
      request.set(
          "Parameters",
          Payloads.template(reader.get("Parameters"), scope.withData(input), execution.random));
    }
    String token = execution.newTaskToken(frame);
    execution.effects.add(
        new Effect.ScheduleTask(
            token,
            reader.path("Resource").asText(),
            request,
            execution.idempotencyKey(frame, "/ItemReader")));
    frame.taskToken = token;
    frame.readingItems = true;
    frame.waiting = Frame.Waiting.TASK;
  }

  private static JsonNode items(MapState map, PathScope scope) {
    JsonNode items;
    if (map.items().isPresent()) {
      items = map.items().get();
    } else if (map.itemsPath().kind() == PathField.Kind.PATH) {
      String path = map.itemsPath().path();
      items =
          scope
              .read(path)
              .orElseThrow(
                  () ->
                      StateFailure.runtime(
                          "Invalid path '" + path + "' : No results for path: " + path));
    } else {
      items = scope.data();
    }
    if (!items.isArray()) {
      throw StateFailure.runtime("Map state input must be an array but was: " + items);
    }
    return items;
  }

  /** The state's JSON with its JSONata templates (MaxConcurrency...) evaluated. */
  private JsonNode settings(Frame frame, MapState map) {
    ObjectNode json = map.json().deepCopy();
    for (String field :
        new String[] {"MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage"}) {
      if (json.has(field) && json.get(field).isTextual()) {
        json.set(field, jsonata.field(frame, json.get(field), field));
      }
    }
    return json;
  }

  private JsonNode jsonataItems(Frame frame, MapState map) {
    if (map.items().isEmpty()) {
      if (!frame.input.isArray()) {
        throw StateFailure.queryEvaluation(
            "Map state input must be an array but was: " + frame.input);
      }
      return frame.input;
    }
    JsonNode items = jsonata.field(frame, map.items().get(), "Items");
    if (!items.isArray()) {
      throw StateFailure.queryEvaluation(
          "The JSONata expression '"
              + map.items().get().asText()
              + "' specified for the field 'Items' returned an unexpected data type; an array is"
              + " expected, got: "
              + items);
    }
    return items;
  }

  /** An integer field or its {@code ...Path} form. */
  private static Optional<Long> integer(JsonNode json, String field, PathScope scope) {
    if (json.has(field)) {
      return Optional.of(json.get(field).asLong());
    }
    if (!json.has(field + "Path")) {
      return Optional.empty();
    }
    String path = json.get(field + "Path").asText();
    JsonNode value = scope.read(path).orElse(null);
    if (value != null && value.isTextual() && value.textValue().matches("-?\\d{1,18}")) {
      return Optional.of(Long.parseLong(value.textValue()));
    }
    if (value == null || !value.isIntegralNumber()) {
      throw StateFailure.runtime(
          "The "
              + field
              + "Path field refers to value \""
              + (value == null ? "null" : value.isTextual() ? value.textValue() : value.toString())
              + "\" which is not a valid integer: "
              + path);
    }
    return Optional.of(value.asLong());
  }

  private static Optional<Double> percentage(JsonNode json, PathScope scope) {
    if (json.has("ToleratedFailurePercentage")) {
      return Optional.of(json.get("ToleratedFailurePercentage").asDouble());
    }
    if (!json.has("ToleratedFailurePercentagePath")) {
      return Optional.empty();
    }
    String path = json.get("ToleratedFailurePercentagePath").asText();
    JsonNode value = scope.read(path).orElse(null);
    if (value == null || !value.isNumber()) {
      throw StateFailure.runtime(
          "The ToleratedFailurePercentagePath field refers to value \""
              + (value == null ? "null" : value.isTextual() ? value.textValue() : value.toString())
              + "\" which is not a valid float: "
              + path);
    }
    return Optional.of(value.asDouble());
  }
}
