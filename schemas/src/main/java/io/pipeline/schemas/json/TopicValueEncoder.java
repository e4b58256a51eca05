package io.pipeline.schemas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Turns a JSON value into the bytes of a record value for one topic, the same way for every JSON
 * producer (the {@code ./pipeline produce} command and the HTTP produce endpoint): a value for one
 * of the pipeline's Avro topics is converted to the topic's schema and written in single-object
 * encoding; a value for any other topic is written as its JSON text (compact, numbers exactly as
 * they were read with {@link #JSON}). Thread-safe.
 */
public final class TopicValueEncoder {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  /**
   * Reads JSON for producing: decimal numbers are kept as written ({@code 21.50} stays {@code
   * 21.50}), so a plain topic gets the digits the producer sent, not a rounded double; text after
   * the document is an error.
   */
  public static final ObjectReader JSON = MAPPER.reader();

  private static final ObjectWriter WRITER = MAPPER.writer();

  private final String topic;
  private final Optional<AvroSerde<Object>> avro;

  private TopicValueEncoder(String topic, Optional<AvroSerde<Object>> avro) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.avro = avro;
  }

  /**
   * The encoder for a topic: Avro when it is one of the pipeline's Avro topics, JSON text
   * otherwise.
   *
   * @param topic the topic name
   * @param topics the pipeline's topics
   * @param writerSchemas where the serde resolves writer schemas
   */
  public static TopicValueEncoder forTopic(
      String topic, PipelineTopics topics, SchemaStore writerSchemas) {
    return new TopicValueEncoder(
        topic,
        topics
            .find(topic)
            .flatMap(Topic::valueSchema)
            .map(schema -> AvroSerde.generic(schema, writerSchemas)));
  }

  /** The topic this encoder writes for. */
  public String topic() {
    return topic;
  }

  /** The Avro schema values are converted to, empty for a topic of JSON text. */
  public Optional<Schema> schema() {
    return avro.map(AvroSerde::schema);
  }

  /**
   * The record value for a JSON value.
   *
   * @throws JsonRecordException naming the path within the value and the problem, when the value
   *     does not fit the topic's schema
   */
  public byte[] encode(JsonNode value) {
    if (avro.isEmpty()) {
      try {
        return WRITER.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException("cannot write a JSON tree: " + e.getMessage(), e);
      }
    }
    AvroSerde<Object> serde = avro.get();
    return serde.encode(topic, AvroJson.fromJson(value, serde.schema()));
  }
}
