package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.localstack.s3.S3Endpoint;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 100 MB object loads in a JVM of 128 MB of heap, so the transform streams it; and a load killed
 * with SIGKILL mid-object leaves nothing that a {@code read_committed} consumer sees, so its rerun
 * gives each row exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class EtlLargeObjectIT {

  private static final long TARGET_BYTES = 100L * 1024 * 1024;
  private static final int BAD_EVERY = 100_000;
  private static final long HEAP = 128L * 1024 * 1024;

  @Test
  void shouldLoad100MbUnder128MbHeapAndLeaveNothingOfAnAttemptKilledMidObject(
      LocalStack stack, @TempDir Path dir) throws Exception {
    // given
    KafkaSettings kafka = EtlFixture.kafka(stack);
    S3Client s3 = stack.s3().newClient();
    EtlFixture etl = EtlFixture.create(kafka, s3, Map.of());
    Path csv = dir.resolve("orders.csv");
    long rows = writeCsv(csv);
    s3.putObject(b -> b.bucket(etl.bucket).key("incoming/big.csv"), RequestBody.fromFile(csv));
    String etag = etl.event("incoming/big.csv").path("etag").asText();
    Map<String, String> env = env(stack, kafka, etl);
    List<String> args = List.of(etl.bucket, "incoming/big.csv", etag, "CSV");
    List<String> jvm = List.of("-Xmx128m", "-XX:+UseSerialGC");

    // when: a first attempt dies mid-object, a second one loads it all
    try (ChildJvm first =
        ChildJvm.start(EtlLoadMain.class, jvm, args, env, dir.resolve("first.log"))) {
      assertThat(first.awaitOutput("heartbeat", Duration.ofSeconds(60)))
          .as("the first attempt is loading: %s", first.output())
          .isTrue();
      first.kill();
      assertThat(first.output()).doesNotContain("RESULT");
    }
    assertThat(logEnd(kafka, etl.config.rowsTopic()))
        .as("the killed attempt had written rows to the log")
        .isPositive();
    assertThat(committedKeys(kafka, etl.config.rowsTopic()))
        .as("none of them visible to read_committed consumers")
        .isEqualTo(new long[] {0, 0});
    Instant start = Instant.now();
    String output;
    try (ChildJvm second =
        ChildJvm.start(EtlLoadMain.class, jvm, args, env, dir.resolve("second.log"))) {
      assertThat(second.waitFor()).as(second.output()).isZero();
      output = second.output();
    }
    Duration took = Duration.between(start, Instant.now());

    // then
    JsonNode result = EtlFixture.JSON.readTree(line(output, "RESULT "));
    long bad = (rows + BAD_EVERY - 1) / BAD_EVERY;
    assertThat(result.path("rows").path("in").asLong()).isEqualTo(rows);
    assertThat(result.path("rows").path("quarantined").asLong()).isEqualTo(bad);
    assertThat(result.path("rows").path("good").asLong()).isEqualTo(rows - bad);
    assertThat(result.path("source").path("bytes").asLong()).isEqualTo(Files.size(csv));
    long[] heap =
        Arrays.stream(line(output, "HEAP ").split(" ")).mapToLong(Long::parseLong).toArray();
    assertThat(heap[0]).isLessThanOrEqualTo(HEAP);
    assertThat(committedKeys(kafka, etl.config.rowsTopic()))
        .as("each row once: the killed attempt's rows were aborted")
        .isEqualTo(new long[] {rows - bad, rows - bad});
    assertThat(curatedRecords(s3, etl)).isEqualTo(rows - bad);
    System.out.printf(
        "Loaded %d rows (%d MB) in %s with a 128 MB heap, peak heap used %d MB%n",
        rows, Files.size(csv) >> 20, took, heap[1] >> 20);
  }

  /** Writes orders until the file is 100 MB; every 100,000th row has a bad amount. */
  private static long writeCsv(Path file) throws Exception {
    long rows = 0;
    long bytes = 0;
    Instant at = Instant.parse("2026-01-05T00:00:00Z");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String header = "order_id,customer,amount,currency,ordered_at,coupon\n";
      out.write(header);
      bytes += header.length();
      while (bytes < TARGET_BYTES) {
        String amount = rows % BAD_EVERY == 0 ? "n/a" : (rows % 10_000) + "." + (rows % 100);
        String line =
            "o-"
                + rows
                + ",customer-"
                + (rows % 50_000)
                + " of the large test,"
                + amount
                + ",EUR,"
                + at.plusSeconds(rows)
                + ","
                + (rows % 3 == 0 ? "SPRING" : "")
                + "\n";
        out.write(line);
        bytes += line.length();
        rows++;
      }
    }
    return rows;
  }

  private static Map<String, String> env(LocalStack stack, KafkaSettings kafka, EtlFixture etl) {
    S3Endpoint s3 = stack.s3();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("S3_ENDPOINT", s3.uri().toString());
    env.put("S3_REGION", s3.region());
    env.put("AWS_ACCESS_KEY_ID", s3.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
    env.put(EtlConfig.SCHEMA_FILE.name(), etl.config.schemaFile().toAbsolutePath().toString());
    env.put(EtlConfig.ROWS_TOPIC.name(), etl.config.rowsTopic());
    env.put(EtlConfig.TRANSACTIONAL_ID_PREFIX.name(), etl.config.transactionalIdPrefix());
    env.put(EtlConfig.HEARTBEAT_INTERVAL.name(), "500ms");
    return env;
  }

  private static String line(String output, String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .map(l -> l.substring(prefix.length()))
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + output));
  }

  /** How many records the topic's log has, committed or not (its high watermarks). */
  private static long logEnd(KafkaSettings kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted")),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** How many committed records the topic has, and how many distinct keys among them. */
  private static long[] committedKeys(KafkaSettings kafka, String topic) {
    Map<String, Object> config =
        kafka.clientConfig(
            Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000));
    long[] hashes = new long[1 << 20];
    int count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(60);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
          }
          hashes[count++] = hash(record.key());
        }
      }
    }
    long[] sorted = Arrays.copyOf(hashes, count);
    Arrays.sort(sorted);
    long distinct = count == 0 ? 0 : 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    return new long[] {count, distinct};
  }

  private static long hash(byte[] key) {
    long h = 1125899906842597L;
    for (byte b : key) {
      h = 31 * h + b;
    }
    return h;
  }

  private static long curatedRecords(S3Client s3, EtlFixture etl) throws Exception {
    long count = 0;
    try (InputStream in = s3.getObject(b -> b.bucket(etl.bucket).key("curated/big.csv.avro"));
        DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
      GenericRecord reuse = null;
      while (avro.hasNext()) {
        reuse = avro.next(reuse);
        count++;
      }
    }
    return count;
  }
}
