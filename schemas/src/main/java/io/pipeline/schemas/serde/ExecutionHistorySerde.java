package io.pipeline.schemas.serde;

import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The history topic's and history store's values: {@link ExecutionHistoryBatch}es. Releases before
 * batches wrote each event alone, as an {@code ExecutionHistoryEvent} (released {@code v1}); such a
 * record reads as a batch of that one event, so histories written before an upgrade stay readable
 * where they are.
 */
public final class ExecutionHistorySerde implements Serde<ExecutionHistoryBatch> {

  private final AvroSerde<ExecutionHistoryBatch> batches;

  /** A reader for each released single-event schema, by its fingerprint. */
  private final Map<Long, AvroSerde<GenericRecord>> singleEvents;

  /**
   * @param writerSchemas where writer schemas are found by fingerprint
   */
  public ExecutionHistorySerde(SchemaStore writerSchemas) {
    this.batches = AvroSerde.specific(ExecutionHistoryBatch.class, writerSchemas);
    this.singleEvents =
        SchemaCatalog.releasedVersions(ExecutionHistoryEvent.getClassSchema().getFullName())
            .stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    SchemaCatalog::fingerprint,
                    released -> AvroSerde.<GenericRecord>generic(released, writerSchemas)));
  }

  /** Encodes a batch; {@code null} (a tombstone) stays {@code null}. */
  public byte[] encode(String topic, ExecutionHistoryBatch batch) {
    return batches.encode(topic, batch);
  }

  /**
   * Decodes a batch, or a single event of an earlier release as a batch of one.
   *
   * @throws RecordDecodingException when the bytes are neither
   */
  public ExecutionHistoryBatch decode(String topic, byte[] bytes) {
    OptionalLong writer = AvroSerde.writerFingerprint(bytes);
    AvroSerde<GenericRecord> single =
        writer.isPresent() ? singleEvents.get(writer.getAsLong()) : null;
    if (single == null) {
      return batches.decode(topic, bytes);
    }
    GenericRecord event = single.decode(topic, bytes);
    return new ExecutionHistoryBatch(
        event.get("executionArn").toString(),
        List.of(
            new ExecutionHistoryEvent(
                (Long) event.get("id"),
                (Long) event.get("previousEventId"),
                event.get("type").toString(),
                Instant.ofEpochMilli((Long) event.get("timestamp")),
                event.get("details").toString())));
  }

  @Override
  public Serializer<ExecutionHistoryBatch> serializer() {
    return this::encode;
  }

  @Override
  public Deserializer<ExecutionHistoryBatch> deserializer() {
    return this::decode;
  }
}
