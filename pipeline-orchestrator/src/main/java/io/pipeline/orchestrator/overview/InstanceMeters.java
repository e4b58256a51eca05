package io.pipeline.orchestrator.overview;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this instance counted since it started, from the meters it serves at {@code /metrics}:
 * Standard executions started and closed by outcome, Express executions by outcome, states entered,
 * commands refused. They are this instance's share only; the topics and groups of {@link
 * PipelineOverview} are Kafka's, the same whichever instance answers.
 */
public final class InstanceMeters {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final MeterRegistry registry;

  /**
   * @param registry the service's meters
   */
  public InstanceMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * The counts as JSON: {@code standardExecutions} and {@code expressExecutions} (outcome to
   * count), {@code stateTransitions} and {@code rejectedCommands}.
   */
  public ObjectNode toJson() {
    ObjectNode json = NODES.objectNode();
    ObjectNode standard = json.putObject("standardExecutions");
    byOutcome("pipeline.orchestrator.executions").forEach(standard::put);
    ObjectNode express = json.putObject("expressExecutions");
    byOutcome("pipeline.orchestrator.express.executions").forEach(express::put);
    json.put("stateTransitions", total("pipeline.orchestrator.state.transitions"));
    json.put("rejectedCommands", total("pipeline.orchestrator.commands.rejected"));
    return json;
  }

  private Map<String, Long> byOutcome(String name) {
    Map<String, Long> counts = new TreeMap<>();
    for (Counter counter : registry.find(name).counters()) {
      String outcome = counter.getId().getTag("outcome");
      if (outcome != null) {
        counts.merge(outcome, (long) counter.count(), Long::sum);
      }
    }
    return counts;
  }

  private long total(String name) {
    return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
