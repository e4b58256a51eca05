package io.pipeline.cli.bench;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.kafka.StreamsProperties;
import io.pipeline.localstack.kafka.ConsumerGroups;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import io.pipeline.transform.express.ExpressStepDefinitions;
import io.pipeline.transform.express.ExpressStepTopology;
import io.pipeline.transform.express.StreamStep;
import io.pipeline.transform.streams.ProcessingGuarantee;
import io.pipeline.transform.telemetry.TelemetryTopology;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The streaming transforms beside the raw Kafka Streams rate on the same broker, in one run: a
 * pass-through application (at_least_once and exactly_once_v2) is the limit; the telemetry topology
 * (exactly_once_v2, its default) and an Express step (at_least_once, its default) are measured
 * against the raw rate under the same guarantee. Each application has one stream thread and reads a
 * topic of as many partitions; the records are written before it starts, and its rate runs from its
 * start (state RUNNING) until every record's output is committed and every input, internal
 * repartition topics included, is consumed.
 */
public final class TransformBench {

  /** Partitions of every input, as the pipeline's own record topics have. */
  static final int PARTITIONS = 6;

  private static final int DEVICES = 200;

  /** The Express step's state machine: a record-level transformation as users write them. */
  static final String DEFINITION =
      """
      {"StartAt": "Normalize", "States": {
        "Normalize": {"Type": "Pass", "Next": "Size", "Parameters": {
          "orderId.$": "$.id",
          "customer.$": "States.Format('{} {}', $.customer.first, $.customer.last)",
          "total.$": "$.total",
          "lines.$": "States.ArrayLength($.lines)"}},
        "Size": {"Type": "Choice", "Default": "Small", "Choices": [
          {"Variable": "$.total", "NumericGreaterThanEquals": 100, "Next": "Large"}]},
        "Large": {"Type": "Pass", "Result": "large", "ResultPath": "$.size", "End": true},
        "Small": {"Type": "Pass", "Result": "small", "ResultPath": "$.size", "End": true}}}
      """;

  /**
   * One run's rates, records per second.
   *
   * @param rawAtLeastOnce the pass-through application, at_least_once
   * @param rawExactlyOnce the same, exactly_once_v2
   * @param rawCount a count per key without the record cache, exactly_once_v2: one store update and
   *     one changelog record per record, for reference
   * @param telemetry the telemetry topology, exactly_once_v2
   * @param express the Express step, at_least_once
   * @param etl the batch ETL's load of a large CSV beside reading and producing its lines, if run
   */
  public record Result(
      double rawAtLeastOnce,
      double rawExactlyOnce,
      double rawCount,
      double telemetry,
      double express,
      Optional<EtlBench.Result> etl) {}

  private final KafkaSettings kafka;
  private final Path stateDir;
  private final int records;
  private final PipelineTopics topics;
  private final Optional<EtlBench> etl;

  /**
   * @param kafka the broker
   * @param stateDir where the applications keep their state
   * @param records records through each application per run
   * @param etl the batch ETL's benchmark, its object uploaded, if it runs
   */
  public TransformBench(KafkaSettings kafka, Path stateDir, int records, Optional<EtlBench> etl) {
    this.kafka = kafka;
    this.etl = etl;
    this.stateDir = stateDir;
    this.records = records;
    SchemaTopic schemas = PipelineKafka.prepare(kafka, Settings.of(Map.of()));
    schemas.close();
    this.topics = new PipelineTopics(SchemaCatalog.builtIn());
  }

  /** One run of every application. */
  public Result run() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    return new Result(
        raw(run + "-alos", ProcessingGuarantee.AT_LEAST_ONCE),
        raw(run + "-eos", ProcessingGuarantee.EXACTLY_ONCE_V2),
        rawCount(run + "-count"),
        telemetry(run),
        express(run),
        etl.isPresent() ? Optional.of(etl.get().run()) : Optional.empty());
  }

  private double raw(String run, ProcessingGuarantee guarantee) throws Exception {
    String input = "bench.transform-in." + run;
    String output = "bench.transform-out." + run;
    BenchTopics.create(kafka, PARTITIONS, input, output);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("in"))
        .mapValues(value -> value, Named.as("same"))
        .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("out"));
    return measure(
        "bench-raw-" + run, guarantee, builder.build(), input, output, TransformBench::order);
  }

  /** A count per key in a logged store, no record cache: the least a stateful step does. */
  private double rawCount(String run) throws Exception {
    String input = "bench.transform-in." + run;
    String output = "bench.transform-out." + run;
    BenchTopics.create(kafka, PARTITIONS, input, output);
    return measure(
        "bench-raw-" + run,
        ProcessingGuarantee.EXACTLY_ONCE_V2,
        RawEosRate.topology(input, output),
        new Load(input, i -> "key-" + (i % 10_000), TransformBench::order),
        output,
        key -> true,
        false,
        Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0));
  }

  private double telemetry(String run) throws Exception {
    Topic<String, MqttMessage> envelopes = topics.mqttMessages();
    String prefix = "bench-" + run + "-d";
    IntFunction<byte[]> envelope =
        i ->
            envelopes
                .valueSerde()
                .serializer()
                .serialize(envelopes.name(), envelope(prefix + (i % DEVICES), i));
    return measureAll(
        "bench-telemetry-" + run,
        TelemetryTopology.build(topics, Duration.ofMinutes(10), Duration.ofSeconds(30)),
        envelopes.name(),
        i -> prefix + (i % DEVICES),
        envelope,
        topics.iotTelemetry().name(),
        key -> key != null && key.startsWith(prefix));
  }

  private double express(String run) throws Exception {
    String input = "bench.express-in." + run;
    String output = "bench.express-out." + run;
    BenchTopics.create(kafka, PARTITIONS, input, output);
    StreamStep step =
        new StreamStep(
            "bench-" + run,
            DEFINITION,
            "the benchmark",
            input,
            output,
            PipelineTopics.TRANSFORM_DEAD_LETTERS,
            ProcessingGuarantee.AT_LEAST_ONCE);
    Topology topology =
        ExpressStepTopology.build(step, ExpressStepDefinitions.validate(step), topics);
    return measure(
        "bench-express-" + run,
        ProcessingGuarantee.AT_LEAST_ONCE,
        topology,
        input,
        output,
        TransformBench::order);
  }

  /** A one-to-one application: done when every record's output is committed. */
  private double measure(
      String applicationId,
      ProcessingGuarantee guarantee,
      Topology topology,
      String input,
      String output,
      IntFunction<byte[]> value)
      throws Exception {
    return measure(
        applicationId,
        guarantee,
        topology,
        new Load(input, i -> "key-" + (i % 10_000), value),
        output,
        key -> true,
        false,
        Map.of());
  }

  /**
   * The telemetry topology (exactly_once_v2): done when every reading is committed and every input,
   * its repartition topic included, is consumed, so that the aggregates' work counts too.
   */
  private double measureAll(
      String applicationId,
      Topology topology,
      String input,
      IntFunction<String> key,
      IntFunction<byte[]> value,
      String output,
      Predicate<String> outputKeys)
      throws Exception {
    return measure(
        applicationId,
        ProcessingGuarantee.EXACTLY_ONCE_V2,
        topology,
        new Load(input, key, value),
        output,
        outputKeys,
        true,
        Map.of());
  }

  /** What is sent: to which topic, each record's key and value. */
  private record Load(String topic, IntFunction<String> key, IntFunction<byte[]> value) {}

  /**
   * Writes the records, then starts the application where they begin and times it from running
   * until their outputs are in: the records are made and sent before the clock starts, so the
   * sender does not take the cores the application is measured on.
   */
  private double measure(
      String applicationId,
      ProcessingGuarantee guarantee,
      Topology topology,
      Load load,
      String output,
      Predicate<String> outputKeys,
      boolean untilConsumed,
      Map<String, Object> settings)
      throws Exception {
    // A new application starts where its input ends: earlier runs' records are not its load.
    ConsumerGroups.startAtEnd(kafka.bootstrapServers(), applicationId, load.topic());
    BenchTopics.write(
        kafka, applicationId + "-load", load.topic(), records, load.key(), load.value());
    try (KafkaStreams streams =
            new KafkaStreams(
                topology,
                StreamsProperties.of(
                    kafka,
                    applicationId,
                    guarantee.config(),
                    Optional.of(stateDir.toString()),
                    Optional.empty(),
                    settings));
        Arrivals outputs = Arrivals.counting(kafka, output, outputKeys)) {
      long start = BenchTopics.startRunning(streams);
      outputs.awaitCount(records, Duration.ofMinutes(5));
      if (untilConsumed) {
        awaitConsumed(applicationId, Duration.ofMinutes(5));
      }
      return records / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static byte[] order(int i) {
    return ("{\"id\": \"order-%d\", \"customer\": {\"first\": \"Ada\", \"last\": \"Lovelace\"},"
            + " \"total\": %d.5, \"lines\": [{\"sku\": \"A-1\", \"qty\": 2}, {\"sku\": \"B-7\","
            + " \"qty\": 1}]}")
        .formatted(i, i % 200)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static MqttMessage envelope(String device, int i) {
    String payload =
        "{\"id\": %d, \"metric\": \"temperature\", \"value\": %d.5, \"time\": \"%s\"}"
            .formatted(i, 20 + i % 40, Instant.now());
    return MqttMessage.newBuilder()
        .setTopic("devices/" + device + "/telemetry")
        .setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
        .setQos(1)
        .setReceivedAt(Instant.now())
        .setBridgeId("bench")
        .build();
  }

  /** Waits until the application's group has committed the end of every topic it reads. */
  private void awaitConsumed(String applicationId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest =
            committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        boolean done =
            committed.entrySet().stream()
                .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
        if (done) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(applicationId + " did not consume its inputs in time");
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }

  private static String met(Figures<Result> figures, double goal) {
    double ratio =
        figures.median(
            r ->
                r.etl().orElseThrow().etlMegabytesPerSecond()
                    / r.etl().orElseThrow().rawMegabytesPerSecond());
    return ratio >= goal ? "met" : "NOT met";
  }

  /** The table: each rate beside the raw rate under the same guarantee, and the goals. */
  public static void print(PrintWriter out, List<Result> runs) {
    Figures<Result> figures = new Figures<>(runs);
    out.println();
    out.println(
        runs.size() == 1 ? "One run." : "Median of " + runs.size() + " runs (range in brackets).");
    out.println();
    out.println("| application | records/s | ratio |");
    out.println("|---|---:|---:|");
    out.printf(
        "| raw Kafka Streams pass-through, at_least_once | %s | 1.00 |%n",
        figures.rate(Result::rawAtLeastOnce));
    out.printf(
        "| raw Kafka Streams pass-through, exactly_once_v2 | %s | 1.00 |%n",
        figures.rate(Result::rawExactlyOnce));
    out.printf(
        "| raw Kafka Streams count per key, no record cache, exactly_once_v2 (for reference) | %s"
            + " | %s of raw exactly_once_v2 |%n",
        figures.rate(Result::rawCount), figures.ratio(r -> r.rawCount() / r.rawExactlyOnce()));
    out.printf(
        "| telemetry topology, exactly_once_v2 | %s | %s of raw exactly_once_v2, %s of the count |%n",
        figures.rate(Result::telemetry),
        figures.ratio(r -> r.telemetry() / r.rawExactlyOnce()),
        figures.ratio(r -> r.telemetry() / r.rawCount()));
    out.printf(
        "| Express step (Pass, Choice, intrinsics), at_least_once | %s | %s of raw at_least_once |%n",
        figures.rate(Result::express), figures.ratio(r -> r.express() / r.rawAtLeastOnce()));
    if (runs.get(0).etl().isPresent()) {
      out.printf("%n| batch ETL of one CSV object | MB/s | ratio |%n");
      out.println("|---|---:|---:|");
      out.printf(
          "| raw: stream the object from S3, produce each line | %s | 1.00 |%n",
          figures.rate(r -> r.etl().orElseThrow().rawMegabytesPerSecond()));
      out.printf(
          "| ETL transform: parse, validate, Avro, one transaction, curated file | %s | %s |%n",
          figures.rate(r -> r.etl().orElseThrow().etlMegabytesPerSecond()),
          figures.ratio(
              r ->
                  r.etl().orElseThrow().etlMegabytesPerSecond()
                      / r.etl().orElseThrow().rawMegabytesPerSecond()));
    }
    double telemetry = figures.median(r -> r.telemetry() / r.rawExactlyOnce());
    double express = figures.median(r -> r.express() / r.rawAtLeastOnce());
    out.printf(
        "%nGoal: telemetry >= 0.70 of raw (%s), Express steps >= 0.50 of raw (%s)%s, medians%n",
        telemetry >= 0.7 ? "met" : "NOT met",
        express >= 0.5 ? "met" : "NOT met",
        runs.get(0).etl().map(e -> ", ETL >= 0.60 of raw (" + met(figures, 0.6) + ")").orElse(""));
    out.flush();
  }
}
