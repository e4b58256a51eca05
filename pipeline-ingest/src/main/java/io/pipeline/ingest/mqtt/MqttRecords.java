package io.pipeline.ingest.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.ingest.mqtt.MqttMapping.Format;
import io.pipeline.ingest.mqtt.MqttMapping.PayloadField;
import io.pipeline.ingest.mqtt.MqttMapping.TopicPart;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.json.AvroJson;
import io.pipeline.schemas.json.JsonPosition;
import io.pipeline.schemas.json.JsonRecordException;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.mqtt.MqttUserProperty;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns a received MQTT message into the Kafka record its mapping asks for, or into a dead letter
 * when it cannot be decoded. Pure: no I/O, so every rule is tested without brokers.
 *
 * <p>Every record carries the message's MQTT 5 properties as Kafka headers: {@code mqtt.topic},
 * {@code mqtt.qos}, {@code mqtt.retain}, {@code mqtt.content-type}, {@code mqtt.response-topic},
 * {@code mqtt.correlation-data} (raw bytes) and {@code mqtt.mapping}, plus one header per user
 * property, under its own name and in its order (names may repeat, as in MQTT).
 */
public final class MqttRecords {

  /** The stage name dead letters of the bridge carry. */
  public static final String STAGE = "mqtt-bridge";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Topic<String, MqttMessage> envelopes;
  private final Topic<String, DeadLetter> deadLetters;
  private final Map<String, AvroSerde<Object>> decoded = new HashMap<>();

  /**
   * @param mappings the bridge's mappings
   * @param topics the pipeline's topics: a json mapping's topic must be one with an Avro schema
   * @param writerSchemas the schema store the serdes use
   * @throws IllegalArgumentException when a json mapping names a topic without an Avro schema, or
   *     an envelope mapping a pipeline topic of another format
   */
  public MqttRecords(List<MqttMapping> mappings, PipelineTopics topics, SchemaStore writerSchemas) {
    this.envelopes = topics.mqttMessages();
    this.deadLetters = topics.ingestDeadLetters();
    for (MqttMapping mapping : mappings) {
      Optional<Schema> schema = topics.find(mapping.topic()).flatMap(Topic::valueSchema);
      if (mapping.format() == Format.JSON) {
        Schema target =
            schema.orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "mapping '"
                            + mapping.name()
                            + "' decodes JSON into topic '"
                            + mapping.topic()
                            + "', which has no Avro schema; use one of "
                            + avroTopics(topics)));
        for (String field : mapping.fields().keySet()) {
          if (target.getField(field) == null) {
            throw new IllegalArgumentException(
                "mapping '"
                    + mapping.name()
                    + "' sets field '"
                    + field
                    + "', which "
                    + target.getName()
                    + " does not have");
          }
        }
        decoded.put(mapping.name(), AvroSerde.generic(target, writerSchemas));
      } else if (schema.isPresent() && !schema.get().equals(envelopes.valueSchema().get())) {
        throw new IllegalArgumentException(
            "mapping '"
                + mapping.name()
                + "' writes MQTT envelopes to '"
                + mapping.topic()
                + "', whose records are "
                + schema.get().getName()
                + "; give it \"format\": \"json\" or another topic");
      }
    }
  }

  /**
   * The record for this message.
   *
   * @throws UndecodableMessageException saying what is wrong, when the mapping cannot decode it
   */
  public ProducerRecord<String, byte[]> toRecord(MqttMapping mapping, MqttMessage message) {
    String mqttTopic = message.getTopic();
    JsonNode json = null;
    if (mapping.format() == Format.JSON || mapping.key() instanceof PayloadField) {
      json = parse(bytes(message.getPayload()));
    }
    if (mapping.format() == Format.JSON) {
      ObjectNode object = (ObjectNode) json;
      for (Map.Entry<String, TopicPart> field : mapping.fields().entrySet()) {
        String part = field.getValue().of(mqttTopic);
        if (part == null) {
          throw new UndecodableMessageException(
              "topic '"
                  + mqttTopic
                  + "' has no "
                  + field.getValue()
                  + " for field "
                  + field.getKey());
        }
        object.put(field.getKey(), part);
      }
    }
    String key = key(mapping, mqttTopic, json);
    byte[] value;
    if (mapping.format() == Format.JSON) {
      AvroSerde<Object> serde = decoded.get(mapping.name());
      Object datum;
      try {
        datum = AvroJson.fromJson(json, serde.schema());
      } catch (JsonRecordException e) {
        throw new UndecodableMessageException(
            "payload does not fit " + serde.schema().getName() + " " + e.getMessage());
      }
      value = serde.encode(mapping.topic(), datum);
    } else {
      value = envelopes.valueSerde().serializer().serialize(mapping.topic(), message);
    }
    return new ProducerRecord<>(mapping.topic(), null, key, value, headers(mapping, message));
  }

  /** The dead letter of a message that could not be decoded, keyed as well as it can be. */
  public ProducerRecord<String, byte[]> toDeadLetter(
      Optional<MqttMapping> mapping, MqttMessage message, String reason, Instant now) {
    String mqttTopic = message.getTopic();
    List<Header> headers = headers(mapping.orElse(null), message);
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Header header : headers) {
      if (!header.key().equals("mqtt.correlation-data")) {
        attributes.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setStage(STAGE)
            .setOrigin("mqtt:" + mqttTopic)
            .setReason(reason)
            .setPayload(message.getPayload().duplicate())
            .setAttributes(attributes)
            .setFailedAt(now)
            .build();
    // Keyed from the topic when the mapping keys by the topic; a payload key may be what failed.
    String key =
        mapping
            .filter(m -> m.key() instanceof TopicPart)
            .map(m -> topicKey((TopicPart) m.key(), mqttTopic))
            .orElse(mqttTopic);
    return new ProducerRecord<>(
        deadLetters.name(),
        null,
        key,
        deadLetters.valueSerde().serializer().serialize(deadLetters.name(), letter),
        headers);
  }

  private static String key(MqttMapping mapping, String mqttTopic, JsonNode json) {
    if (mapping.key() instanceof PayloadField field) {
      JsonNode value = json.get(field.field());
      if (value == null || value.isNull() || value.isContainerNode()) {
        throw new UndecodableMessageException(
            "payload has no "
                + (value == null || value.isNull() ? "" : "scalar ")
                + "field '"
                + field.field()
                + "' for the Kafka key");
      }
      return value.asText();
    }
    return topicKey((TopicPart) mapping.key(), mqttTopic);
  }

  /** The part of the topic that is the key, or the whole topic when it has no such level. */
  private static String topicKey(TopicPart part, String mqttTopic) {
    String key = part.of(mqttTopic);
    return key == null ? mqttTopic : key;
  }

  private static JsonNode parse(byte[] payload) {
    JsonNode json;
    try {
      json = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new UndecodableMessageException(
          "payload is not JSON: " + e.getOriginalMessage() + JsonPosition.suffix(e));
    } catch (java.io.IOException e) {
      throw new UndecodableMessageException("payload cannot be read: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw new UndecodableMessageException(
          "payload is not a JSON object"
              + (json == null ? " (it is empty)" : " (it is " + json.getNodeType() + ")"));
    }
    return json;
  }

  private static List<Header> headers(MqttMapping mapping, MqttMessage message) {
    List<Header> headers = new ArrayList<>(7 + message.getUserProperties().size());
    header(headers, "mqtt.topic", message.getTopic());
    header(headers, "mqtt.qos", Integer.toString(message.getQos()));
    if (message.getRetain()) {
      header(headers, "mqtt.retain", "true");
    }
    if (mapping != null) {
      header(headers, "mqtt.mapping", mapping.name());
    }
    if (message.getContentType() != null) {
      header(headers, "mqtt.content-type", message.getContentType());
    }
    if (message.getResponseTopic() != null) {
      header(headers, "mqtt.response-topic", message.getResponseTopic());
    }
    if (message.getCorrelationData() != null) {
      headers.add(new RecordHeader("mqtt.correlation-data", bytes(message.getCorrelationData())));
    }
    for (MqttUserProperty property : message.getUserProperties()) {
      header(headers, property.getName(), property.getValue());
    }
    return headers;
  }

  private static void header(List<Header> headers, String name, String value) {
    headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static String avroTopics(PipelineTopics topics) {
    return topics.all().stream().filter(Topic::isAvro).map(Topic::name).toList().toString();
  }
}
