package io.pipeline.transform.streams;

import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a topology cannot even read (its bytes are not what its source topic's serde expects)
 * goes to the dead-letter topic as a {@link DeadLetter}, with the reason and its bytes as they
 * were, and processing goes on: one poison record does not stop a topology, and nothing is lost.
 * The dead letter is written in the task's transaction under {@code exactly_once_v2} (KIP-1034), so
 * it is there exactly when the record counts as processed.
 *
 * <p>Configured with {@link #TOPIC} (the dead-letter topic) and {@link #STAGE} (the name dead
 * letters carry) beside the Streams settings.
 */
public final class DeadLetteringHandler implements DeserializationExceptionHandler {

  /** The setting naming the dead-letter topic. */
  public static final String TOPIC = "pipeline.dead.letters.topic";

  /** The setting naming the stage. */
  public static final String STAGE = "pipeline.dead.letters.stage";

  private static final Logger log = LoggerFactory.getLogger(DeadLetteringHandler.class);

  private String topic;
  private String stage;
  private Serializer<DeadLetter> serializer;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = Objects.requireNonNull((String) configs.get(TOPIC), TOPIC);
    stage = Objects.requireNonNull((String) configs.get(STAGE), STAGE);
    serializer =
        new PipelineTopics(SchemaCatalog.builtIn())
            .transformDeadLetters()
            .valueSerde()
            .serializer();
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String origin = context.topic() + "-" + context.partition() + "@" + context.offset();
    String reason = "unreadable record: " + exception.getMessage();
    log.warn("{}: {} from {}, sent to {}", stage, reason, origin, topic);
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setStage(stage)
            .setOrigin(origin)
            .setReason(reason)
            .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
            .setAttributes(Map.of("processor", context.processorNodeId()))
            .setFailedAt(Instant.ofEpochMilli(context.timestamp()))
            .build();
    return Response.resume(
        List.of(new ProducerRecord<>(topic, record.key(), serializer.serialize(topic, letter))));
  }
}
