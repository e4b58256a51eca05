package io.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.schemas.json.JsonRecordException;
import io.pipeline.schemas.json.TopicValueEncoder;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
          + " not stops the command, after the lines before it were written.",
      "Reading a file, a progress line goes to standard error every 2 seconds (--quiet: none)."
    })
final class ProduceCommand implements Callable<Integer> {

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

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines while a long file is read.")
  boolean quiet;

  @Option(
      names = "--progress-interval",
      hidden = true,
      defaultValue = "2s",
      converter = ConsumeCommand.DurationConverter.class,
      description = "Least time between two progress lines (default: ${DEFAULT-VALUE}).")
  Duration progressInterval;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (key != null && keyField != null) {
      throw new UserException("Give --key or --key-field, not both");
    }
    TopicValueEncoder encoder =
        TopicValueEncoder.forTopic(
            topic, new PipelineTopics(SchemaCatalog.builtIn()), SchemaCatalog.builtIn());
    requireTopic();
    Input input = input();
    try (BufferedReader lines = input.reader();
        KafkaProducer<String, byte[]> producer = producer()) {
      Sends sends = new Sends();
      UserException badLine = null;
      try {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          number++;
          if (!line.isBlank()) {
            producer.send(record(line, number, encoder), sends::completed);
            sends.sent++;
          }
          input.progress().ifPresent(p -> p.update(sends.sent, input.bytesRead()));
        }
      } catch (UserException e) {
        badLine = e;
      }
      // What was sent before a bad line is kept: wait for it and say how much that was.
      producer.flush();
      report(sends.acknowledged());
      if (badLine != null) {
        throw badLine;
      }
    }
    return 0;
  }

  /** Counts acknowledgements; the first record Kafka refused fails the command. */
  private final class Sends {
    long sent;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    void completed(RecordMetadata metadata, Exception error) {
      if (error == null) {
        acknowledged.incrementAndGet();
      } else {
        failure.compareAndSet(null, error);
      }
    }

    long acknowledged() {
      Exception error = failure.get();
      if (error != null) {
        throw new UserException(
            "Kafka did not accept a record for '" + topic + "': " + error.getMessage(), error);
      }
      return acknowledged.get();
    }
  }

  private ProducerRecord<String, byte[]> record(
      String line, int number, TopicValueEncoder encoder) {
    JsonNode value = parse(line, number);
    return new ProducerRecord<>(topic, keyOf(value, number), encode(value, encoder, number));
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

  /** Where the lines come from, with progress when it is a file. */
  private record Input(
      BufferedReader reader, Optional<CountingInputStream> counted, Optional<Progress> progress) {
    long bytesRead() {
      return counted.map(CountingInputStream::count).orElse(0L);
    }
  }

  private Input input() throws IOException {
    if (file == null) {
      return new Input(
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
          Optional.empty(),
          Optional.empty());
    }
    if (!Files.isReadable(file)) {
      throw new UserException("Cannot read " + file);
    }
    CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
    Optional<Progress> progress =
        quiet
            ? Optional.empty()
            : Optional.of(
                new Progress(
                    spec.commandLine().getErr(),
                    file.getFileName().toString(),
                    Files.size(file),
                    progressInterval,
                    System::nanoTime));
    return new Input(
        new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8)),
        Optional.of(counted),
        progress);
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
      return TopicValueEncoder.JSON.readTree(line);
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

  private static byte[] encode(JsonNode value, TopicValueEncoder encoder, int number) {
    try {
      return encoder.encode(value);
    } catch (JsonRecordException e) {
      throw new UserException(
          "line "
              + number
              + ": the value does not fit "
              + encoder.schema().map(Schema::getFullName).orElse("the topic")
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

  private void report(long produced) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("Produced " + produced + " record" + (produced == 1 ? "" : "s") + " to " + topic);
    err.flush();
  }
}
