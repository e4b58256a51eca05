package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pipeline.asl.interpreter.Command;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.asl.model.ActivityArn;
import io.pipeline.orchestrator.task.TaskTokens;
import io.pipeline.schemas.orchestrator.TaskRequest;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends the task a state scheduled on its way, in the transaction of the command that scheduled it:
 * an activity's request to its workers' topic, an integration's call to the integration runner, a
 * Kafka produce's record to its topic, a nested execution's start to the command topic ({@link
 * NestedExecutions}). A task nothing can run fails at once, as a call to an unreachable service
 * does, so Retry and Catch apply.
 *
 * <p>The engine's token of a task is its own; the world sees it signed ({@link TaskTokens}), also
 * where the task's input carries it ({@code $$.Task.Token}).
 */
final class TaskDispatch {

  /** Topic names Tasks may not produce to: the pipeline's own. */
  private static final Predicate<String> RESERVED =
      name ->
          name.startsWith("pipeline.orchestrator.")
              || name.startsWith("pipeline.activity.")
              || name.startsWith("_");

  private final ProcessorContext<String, Object> context;
  private final TaskTokens tokens;
  private final TaskRoutes routes;
  private final NestedExecutions nested;

  TaskDispatch(
      ProcessorContext<String, Object> context,
      TaskTokens tokens,
      TaskRoutes routes,
      NestedExecutions nested) {
    this.context = context;
    this.tokens = tokens;
    this.routes = routes;
    this.nested = nested;
  }

  /**
   * Sends a task on its way.
   *
   * @param openTasks the execution's open tasks, by engine token: a task that waits for an answer
   *     is added
   * @return the command the engine handles at once, if the task ended already (it failed, or it
   *     needs no answer)
   */
  Optional<Command> dispatch(
      String arn, Effect.ScheduleTask task, Instant now, Map<String, Long> openTasks) {
    String signed = tokens.sign(task.token());
    JsonNode input = withToken(task.input(), task.token(), signed);
    String resource = task.resource();
    if (KafkaProduce.serves(resource)) {
      Object record =
          KafkaProduce.record(input, RESERVED.or(reservedByRuntime()), routes.topicExists());
      if (record instanceof KafkaProduce.Refusal refusal) {
        return Optional.of(
            new Command.FailTask(task.token(), refusal.error(), refusal.cause(), now));
      }
      KafkaProduce.Produced produced = (KafkaProduce.Produced) record;
      context.forward(
          new Record<String, Object>(
              produced.key(), produced, now.toEpochMilli(), produced.headers()),
          RuntimeTopology.KAFKA_SINK);
      if (!KafkaProduce.waitsForCallback(resource)) {
        return Optional.of(
            new Command.CompleteTask(task.token(), KafkaProduce.result(produced), now));
      }
      openTasks.put(task.token(), now.toEpochMilli());
      return Optional.empty();
    }
    if (NestedExecutions.serves(resource)) {
      Optional<NestedExecutions.Refusal> refused = nested.start(arn, task, signed, input, now);
      if (refused.isPresent()) {
        return Optional.of(
            new Command.FailTask(task.token(), refused.get().error(), refused.get().cause(), now));
      }
      openTasks.put(task.token(), now.toEpochMilli());
      return Optional.empty();
    }
    if (ActivityArn.name(resource).isPresent() || routes.callable().test(resource)) {
      TaskRequest request =
          new TaskRequest(signed, arn, resource, input.toString(), now, task.idempotencyKey());
      context.forward(new Record<>(arn, request, now.toEpochMilli()), RuntimeTopology.TASKS_SINK);
      openTasks.put(task.token(), now.toEpochMilli());
      return Optional.empty();
    }
    return Optional.of(
        new Command.FailTask(
            task.token(),
            "States.TaskFailed",
            "The resource '"
                + resource
                + "' is not an activity nor one of this orchestrator's integrations",
            now));
  }

  /** The runtime's own internal topics (changelogs, repartitions) start with its id. */
  private Predicate<String> reservedByRuntime() {
    String applicationId = context.applicationId();
    return name -> name.startsWith(applicationId + "-");
  }

  /** The input with the engine's token replaced by the signed one wherever it is a value. */
  static JsonNode withToken(JsonNode input, String engineToken, String signed) {
    if (input.isTextual()) {
      return input.asText().equals(engineToken) ? TextNode.valueOf(signed) : input;
    }
    if (input.isObject()) {
      ObjectNode copy = null;
      Iterator<Map.Entry<String, JsonNode>> fields = input.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode replaced = withToken(field.getValue(), engineToken, signed);
        if (replaced != field.getValue()) {
          copy = copy == null ? ((ObjectNode) input).deepCopy() : copy;
          copy.set(field.getKey(), replaced);
        }
      }
      return copy == null ? input : copy;
    }
    if (input.isArray()) {
      ArrayNode copy = null;
      for (int i = 0; i < input.size(); i++) {
        JsonNode replaced = withToken(input.get(i), engineToken, signed);
        if (replaced != input.get(i)) {
          copy = copy == null ? ((ArrayNode) input).deepCopy() : copy;
          copy.set(i, replaced);
        }
      }
      return copy == null ? input : copy;
    }
    return input;
  }
}
