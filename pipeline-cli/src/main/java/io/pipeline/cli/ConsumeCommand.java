package io.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.common.config.Durations;
import io.pipeline.schemas.json.AvroJsonReader;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.serde.RecordDecodingException;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline consume}: records out as JSON lines. Avro values are shown with their writer's
 * schema; a record that cannot be decoded is reported on standard error with its partition and
 * offset, and the command goes on (its exit code then says so).
 */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = {
      "Print a topic's records as JSON, one record a line, committed records only.",
      "Exit code 3 when some records could not be decoded (each is named on standard error)."
    })
final class ConsumeCommand implements Callable<Integer> {

  /** Exit code when some records could not be decoded. */
  static final int UNDECODABLE_RECORDS = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin KafkaOptions kafka;
  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--topic"},
      required = true,
      description = "The topic to read.")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the oldest record, not the newest.")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Optional<Integer> max = Optional.empty();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop when no record arrived for this long, e.g. 10s (default: never).")
  Optional<Duration> timeout = Optional.empty();

  @Option(names = "--value-only", description = "Print only the values (to pipe into produce).")
  boolean valueOnly;

  @Override
  public Integer call() {
    if (max.isPresent() && max.get() < 1) {
      throw new UserException("--max must be at least 1");
    }
    Map<String, Object> config =
        kafka.clientConfig(
            Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
    Optional<Schema> schema =
        new PipelineTopics(SchemaCatalog.builtIn()).find(topic).flatMap(Topic::valueSchema);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int printed = 0;
    int undecodable = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        SchemaTopic schemas = new SchemaTopic(config, SchemaCatalog.builtIn())) {
      List<TopicPartition> partitions = kafka.partitionsOf(consumer, topic);
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      AvroJsonReader reader = new AvroJsonReader(schemas);
      Instant lastRecord = Instant.now();
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          lastRecord = Instant.now();
          try {
            out.println(line(record, schema, reader));
            printed++;
          } catch (RecordDecodingException e) {
            undecodable++;
            err.println("pipeline: " + e.at(record.partition(), record.offset()).getMessage());
          }
          if (max.isPresent() && printed + undecodable >= max.get()) {
            break;
          }
        }
        out.flush();
        err.flush();
        boolean done = max.isPresent() && printed + undecodable >= max.get();
        boolean idle = timeout.isPresent() && Instant.now().isAfter(lastRecord.plus(timeout.get()));
        if (done || idle) {
          break;
        }
      }
    }
    return undecodable > 0 ? UNDECODABLE_RECORDS : 0;
  }

  private String line(
      ConsumerRecord<byte[], byte[]> record, Optional<Schema> schema, AvroJsonReader reader) {
    JsonNode value = value(record, schema, reader);
    if (valueOnly) {
      return value.toString();
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    line.set("value", value);
    return line.toString();
  }

  private JsonNode value(
      ConsumerRecord<byte[], byte[]> record, Optional<Schema> schema, AvroJsonReader reader) {
    if (record.value() == null) {
      return JSON.nullNode();
    }
    if (schema.isPresent()) {
      return reader.toJson(record.topic(), record.value(), schema.get());
    }
    String text = new String(record.value(), StandardCharsets.UTF_8);
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException notJson) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  /** Parses durations such as {@code 10s} for picocli. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }
}
