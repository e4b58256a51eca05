package io.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.schemas.json.AvroJson;
import io.pipeline.schemas.json.JsonRecordException;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline produce}: JSON lines in, records out. Values of Avro topics are converted to
 * the topic's schema and written in single-object encoding; other topics get the JSON text.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Produce records from JSON, one value a line (standard input, or --file).",
      "Values of the pipeline's Avro topics must fit the topic's schema; the first line that does"
          + " not stops the command, after the lines before it were written."
    })
final class ProduceCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin KafkaOptions kafka;
  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--topic"},
      required = true,
      description = "The topic to write to.")
  String topic;

  @Option(names = "--key", description = "The key of every record.")
  String key;

  @Option(
      names = "--key-field",
      description = "Take each record's key from this top-level field of its JSON value.")
  String keyField;

  @Option(
      names = {"-f", "--file"},
      description = "Read the JSON lines from this file.")
  Path file;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (key != null && keyField != null) {
      throw new UserException("Give --key or --key-field, not both");
    }
    SchemaCatalog catalog = SchemaCatalog.builtIn();
    Optional<AvroSerde<Object>> avro =
        new PipelineTopics(catalog)
            .find(topic)
            .flatMap(Topic::valueSchema)
            .map(s -> AvroSerde.generic(s, catalog));
    requireTopic();
    try (BufferedReader lines = input();
        KafkaProducer<String, byte[]> producer = producer()) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      UserException badLine = null;
      try {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          number++;
          if (!line.isBlank()) {
            sends.add(producer.send(record(line, number, avro)));
          }
        }
      } catch (UserException e) {
        badLine = e;
      }
      // What was sent before a bad line is kept: wait for it and say how much that was.
      report(awaitAll(sends));
      if (badLine != null) {
        throw badLine;
      }
    }
    return 0;
  }

  private ProducerRecord<String, byte[]> record(
      String line, int number, Optional<AvroSerde<Object>> avro) {
    JsonNode value = parse(line, number);
    byte[] bytes =
        avro.isPresent()
            ? encode(value, avro.get(), number)
            : line.getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, keyOf(value, number), bytes);
  }

  private void requireTopic() {
    try (KafkaConsumer<byte[], byte[]> probe =
        new KafkaConsumer<>(
            kafka.clientConfig(Map.of()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      kafka.partitionsOf(probe, topic);
    }
  }

  private BufferedReader input() throws IOException {
    if (file == null) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    if (!Files.isReadable(file)) {
      throw new UserException("Cannot read " + file);
    }
    return Files.newBufferedReader(file);
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        kafka.clientConfig(
            Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.LINGER_MS_CONFIG, 5)),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static JsonNode parse(String line, int number) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UserException(
          "line "
              + number
              + ": malformed JSON: "
              + e.getOriginalMessage()
              + " (column "
              + e.getLocation().getColumnNr()
              + ")");
    }
  }

  private byte[] encode(JsonNode value, AvroSerde<Object> serde, int number) {
    Schema schema = serde.schema();
    try {
      return serde.encode(topic, AvroJson.fromJson(value, schema));
    } catch (JsonRecordException e) {
      throw new UserException(
          "line "
              + number
              + ": the value does not fit "
              + schema.getFullName()
              + " "
              + e.getMessage());
    }
  }

  private String keyOf(JsonNode value, int number) {
    if (keyField == null) {
      return key;
    }
    JsonNode field = value.get(keyField);
    if (field == null || field.isNull() || field.isContainerNode()) {
      throw new UserException(
          "line " + number + ": --key-field " + keyField + " is missing or not a plain value");
    }
    return field.asText();
  }

  private int awaitAll(List<Future<RecordMetadata>> sends) throws InterruptedException {
    int acknowledged = 0;
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
        acknowledged++;
      } catch (ExecutionException e) {
        throw new UserException(
            "Kafka did not accept a record for '" + topic + "': " + e.getCause().getMessage(),
            e.getCause());
      }
    }
    return acknowledged;
  }

  private void report(int produced) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("Produced " + produced + " record" + (produced == 1 ? "" : "s") + " to " + topic);
    err.flush();
  }
}
