package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.interpreter.ChildExecutions;
import io.pipeline.asl.interpreter.Effect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The children of the Map Runs an execution runs, one store entry each, keyed by the parent's ARN,
 * the run's id and the child's index: its input, then how it ended. The parent's own state keeps a
 * few bits per child ({@code ChildRun}), so a child's end writes one small entry here, whatever the
 * run's size. Entries go with their parent when it is purged.
 */
final class MapRunStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte SEPARATOR = 0;

  private final KeyValueStore<Bytes, byte[]> store;

  MapRunStore(KeyValueStore<Bytes, byte[]> store) {
    this.store = store;
  }

  /** Keeps a run's inputs, by index. */
  void putInputs(String parentArn, Effect.RecordMapItems items) {
    List<JsonNode> inputs = items.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      ObjectNode entry = JSON.createObjectNode();
      entry.set("Input", inputs.get(i));
      store.put(key(parentArn, items.mapRunArn(), i), write(entry));
    }
  }

  /** A child's input. */
  JsonNode input(String parentArn, String mapRunArn, int index) {
    return entry(parentArn, mapRunArn, index).path("Input");
  }

  /** Keeps how a child ended. */
  void ended(String parentArn, Effect.RecordChildEnd end) {
    ObjectNode entry = entry(parentArn, end.mapRunArn(), end.index());
    entry.put("ExecutionArn", end.executionArn());
    entry.put("Status", status(end));
    end.output().ifPresent(output -> entry.set("Output", output));
    end.error().ifPresent(error -> entry.put("Error", error));
    end.cause().ifPresent(cause -> entry.put("Cause", cause));
    store.put(key(parentArn, end.mapRunArn(), end.index()), write(entry));
  }

  /**
   * A run's results: {@code Results}, the outputs in index order ({@code null} where a child
   * failed), and {@code Executions}, each child's ARN, input, status, error and cause.
   */
  ObjectNode collect(String parentArn, String mapRunArn, int size) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("Results");
    ArrayNode executions = answer.putArray("Executions");
    for (int i = 0; i < size; i++) {
      ObjectNode entry = entry(parentArn, mapRunArn, i);
      results.add(entry.has("Output") ? entry.remove("Output") : null);
      executions.add(entry);
    }
    return answer;
  }

  /** Deletes the entries of every run of a purged execution. */
  void deleteAll(String parentArn) {
    byte[] arn = parentArn.getBytes(StandardCharsets.UTF_8);
    Bytes from = Bytes.wrap(ByteBuffer.allocate(arn.length + 1).put(arn).put(SEPARATOR).array());
    Bytes to =
        Bytes.wrap(
            ByteBuffer.allocate(arn.length + 1).put(arn).put((byte) (SEPARATOR + 1)).array());
    try (KeyValueIterator<Bytes, byte[]> entries = store.range(from, to)) {
      entries.forEachRemaining(entry -> store.delete(entry.key));
    }
  }

  private static String status(Effect.RecordChildEnd end) {
    if (end.output().isPresent()) {
      return "SUCCEEDED";
    }
    String error = end.error().orElse("");
    if (ChildExecutions.TIMED_OUT.equals(error)) {
      return "TIMED_OUT";
    }
    return ChildExecutions.ABORTED.equals(error) ? "ABORTED" : "FAILED";
  }

  private ObjectNode entry(String parentArn, String mapRunArn, int index) {
    byte[] value = store.get(key(parentArn, mapRunArn, index));
    if (value == null) {
      throw new IllegalStateException(
          "no child " + index + " of Map Run " + mapRunArn + " is kept for " + parentArn);
    }
    try {
      return (ObjectNode) JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("a Map Run child's entry does not read", e);
    }
  }

  private static byte[] write(ObjectNode entry) {
    try {
      return JSON.writeValueAsBytes(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parent ARN, run id, index: one parent's entries are one range, a run's in index order. */
  private static Bytes key(String parentArn, String mapRunArn, int index) {
    byte[] arn = parentArn.getBytes(StandardCharsets.UTF_8);
    byte[] run =
        mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1).getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(arn.length + 1 + run.length + 1 + Integer.BYTES)
            .put(arn)
            .put(SEPARATOR)
            .put(run)
            .put(SEPARATOR)
            .putInt(index)
            .array());
  }
}
