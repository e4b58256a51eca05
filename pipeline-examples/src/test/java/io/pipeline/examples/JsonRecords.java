package io.pipeline.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.localstack.kafka.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The records of an example topic under one key, read from the topic's start. */
public final class JsonRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record's key and its JSON value. */
  public record JsonRecord(String key, JsonNode value) {}

  private JsonRecords() {}

  /** Waits up to 20 s until the key has at least {@code count} records; gives all of them. */
  public static List<JsonRecord> await(String bootstrap, String topic, String key, int count) {
    return read(bootstrap, topic, key, count, Duration.ofSeconds(20), Duration.ZERO);
  }

  /** The key's records after reading the topic for {@code settle}: for "none came" checks. */
  public static List<JsonRecord> settled(
      String bootstrap, String topic, String key, Duration settle) {
    return read(bootstrap, topic, key, 0, Duration.ZERO, settle);
  }

  private static List<JsonRecord> read(
      String bootstrap, String topic, String key, int count, Duration timeout, Duration settle) {
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.awaitMatching(
            bootstrap, topic, r -> key.equals(r.key()), count, timeout, settle);
    return records.stream().map(r -> new JsonRecord(r.key(), json(r.value()))).toList();
  }

  private static JsonNode json(byte[] value) {
    try {
      return value == null ? null : JSON.readTree(new String(value, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
