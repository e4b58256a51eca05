package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A Distributed Map's run whose iterations are child executions, as the parent keeps it: its
 * settings and, per child, a few bits (started, ended, failed, timed out, aborted). The children's
 * inputs and results are kept by the runtime ({@link Effect.RecordMapItems}, {@link
 * Effect.RecordChildEnd}), so a child's end changes a few bytes of the parent's state, whatever the
 * run's size.
 */
final class ChildRun {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final String arn;
  final String label;
  final List<String> processorPath;
  final boolean express;
  final Instant startTime;

  /** How many children (items, or batches) it has. */
  final int size;

  /** How many items each child holds, when items are batched; null when each holds one. */
  final int[] weights;

  /** What the children's names derive from: the Map state's call, unique in the execution. */
  final String seed;

  int maxConcurrency;
  Tolerance tolerance = Tolerance.none();

  final BitSet started = new BitSet();
  final BitSet ended = new BitSet();
  final BitSet failed = new BitSet();
  final BitSet timedOut = new BitSet();
  final BitSet aborted = new BitSet();

  /** The redrive its children belong to: a redriven child is a new execution. */
  int generation;

  /** {@code SUCCEEDED} or {@code FAILED} once the Map decided; null while it runs or was left. */
  String outcome;

  Instant stopTime;

  /** Whether it stopped starting children and taking their ends. */
  boolean closed;

  ChildRun(
      String arn,
      String label,
      List<String> processorPath,
      boolean express,
      Instant startTime,
      int size,
      int[] weights,
      String seed) {
    this.arn = arn;
    this.label = label;
    this.processorPath = List.copyOf(processorPath);
    this.express = express;
    this.startTime = startTime;
    this.size = size;
    this.weights = weights;
    this.seed = seed;
  }

  /** The run's id, the last part of its ARN. */
  String id() {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  int running() {
    return started.cardinality() - ended.cardinality();
  }

  int failures() {
    return failed.cardinality();
  }

  boolean allEnded() {
    return ended.cardinality() == size;
  }

  /** The next child not started yet, if it may start now; -1 otherwise. */
  int nextToStart() {
    int next = started.nextClearBit(0);
    boolean room = maxConcurrency == 0 || running() < maxConcurrency;
    return next < size && room ? next : -1;
  }

  /** Whether the failures so far exceed what the Map tolerates. */
  boolean toleranceExceeded() {
    return tolerance.exceeded(failures(), size);
  }

  /** Children that run now: started and not ended. */
  List<Integer> runningChildren() {
    List<Integer> running = new ArrayList<>();
    BitSet open = (BitSet) started.clone();
    open.andNot(ended);
    open.stream().forEach(running::add);
    return running;
  }

  /** For a redrive: the children that did not succeed are forgotten, to start again. */
  void reopen(int redrive) {
    BitSet again = (BitSet) started.clone();
    again.andNot(ended);
    again.or(failed);
    started.andNot(again);
    ended.andNot(again);
    failed.clear();
    timedOut.clear();
    aborted.clear();
    generation = redrive;
    outcome = null;
    stopTime = null;
    closed = false;
  }

  ObjectNode toJson() {
    ObjectNode json = NODES.objectNode();
    json.put("arn", arn);
    json.put("label", label);
    ArrayNode path = json.putArray("processorPath");
    processorPath.forEach(path::add);
    json.put("express", express);
    json.put("startTime", startTime.toString());
    json.put("size", size);
    if (weights != null) {
      ArrayNode w = json.putArray("weights");
      for (int weight : weights) {
        w.add(weight);
      }
    }
    json.put("seed", seed);
    json.put("maxConcurrency", maxConcurrency);
    tolerance.write(json);
    json.set("started", bits(started));
    json.set("ended", bits(ended));
    json.set("failed", bits(failed));
    json.set("timedOut", bits(timedOut));
    json.set("aborted", bits(aborted));
    json.put("generation", generation);
    json.put("outcome", outcome);
    json.put("stopTime", stopTime == null ? null : stopTime.toString());
    json.put("closed", closed);
    return json;
  }

  static ChildRun fromJson(JsonNode json) {
    List<String> path = new ArrayList<>();
    json.path("processorPath").forEach(step -> path.add(step.asText()));
    int[] weights = null;
    if (json.path("weights").isArray()) {
      weights = new int[json.get("weights").size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = json.get("weights").get(i).asInt();
      }
    }
    ChildRun run =
        new ChildRun(
            json.path("arn").asText(),
            json.path("label").asText(),
            path,
            json.path("express").asBoolean(),
            Instant.parse(json.path("startTime").asText()),
            json.path("size").asInt(),
            weights,
            json.path("seed").asText());
    run.maxConcurrency = json.path("maxConcurrency").asInt();
    run.tolerance = Tolerance.read(json);
    run.started.or(bits(json.path("started")));
    run.ended.or(bits(json.path("ended")));
    run.failed.or(bits(json.path("failed")));
    run.timedOut.or(bits(json.path("timedOut")));
    run.aborted.or(bits(json.path("aborted")));
    run.generation = json.path("generation").asInt();
    run.outcome = json.hasNonNull("outcome") ? json.get("outcome").asText() : null;
    run.stopTime =
        json.hasNonNull("stopTime") ? Instant.parse(json.get("stopTime").asText()) : null;
    run.closed = json.path("closed").asBoolean();
    return run;
  }

  /**
   * A bit set as the ranges it holds, {@code [from, to, from, to...]}: children start in index
   * order and end near it, so a run's sets are a few ranges, whatever its size.
   */
  private static ArrayNode bits(BitSet bits) {
    ArrayNode ranges = NODES.arrayNode();
    for (int from = bits.nextSetBit(0); from >= 0; from = bits.nextSetBit(from)) {
      int to = bits.nextClearBit(from);
      ranges.add(from).add(to);
      from = to;
    }
    return ranges;
  }

  private static BitSet bits(JsonNode ranges) {
    BitSet bits = new BitSet();
    for (int i = 0; i + 1 < ranges.size(); i += 2) {
      bits.set(ranges.get(i).asInt(), ranges.get(i + 1).asInt());
    }
    return bits;
  }
}
