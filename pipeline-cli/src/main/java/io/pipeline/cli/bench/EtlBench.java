package io.pipeline.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskHandler;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.transform.etl.EtlConfig;
import io.pipeline.transform.etl.EtlWorkers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batch ETL's load of one large CSV beside the raw rate of what it cannot do without: reading
 * the object from the S3 server as a stream and producing each of its lines to a topic. The ETL
 * does more per row (parse, validate against the Avro schema, a row id, Avro encoding, one
 * transaction for the object, the curated Avro file uploaded back to S3); both run on the same
 * object, broker and S3 server.
 */
public final class EtlBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Partitions of the raw run's topic, as the rows topic has by default. */
  private static final int PARTITIONS = 6;

  private static final String SCHEMA =
      """
      {"type": "record", "name": "BenchOrder", "namespace": "io.pipeline.bench", "fields": [
        {"name": "order_id", "type": "string"},
        {"name": "customer", "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "currency", "type": "string"},
        {"name": "ordered_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "coupon", "type": ["null", "string"], "default": null}]}
      """;

  /** One run's rates, megabytes (10^6 bytes) of the object per second. */
  public record Result(double rawMegabytesPerSecond, double etlMegabytesPerSecond) {}

  private final KafkaSettings kafka;
  private final S3Client s3;
  private final String bucket;
  private final Path work;
  private final long bytes;
  private String key;
  private long size;

  /**
   * @param kafka the broker
   * @param s3 the S3 server's client
   * @param bucket a bucket to create for the object
   * @param work a folder for the CSV before it is uploaded
   * @param bytes about how large the CSV is
   */
  public EtlBench(KafkaSettings kafka, S3Client s3, String bucket, Path work, long bytes) {
    this.kafka = kafka;
    this.s3 = s3;
    this.bucket = bucket;
    this.work = work;
    this.bytes = bytes;
  }

  /** Writes the CSV to the S3 server, once for every run. */
  public void upload() throws IOException {
    Path csv = work.resolve("orders.csv");
    try (var out = Files.newBufferedWriter(csv)) {
      out.write("order_id,customer,amount,currency,ordered_at,coupon\n");
      long written = 0;
      for (long i = 0; written < bytes; i++) {
        String row =
            "o-%d,customer-%d,%d.%02d,EUR,2026-11-26T%02d:%02d:00Z,%s\n"
                .formatted(i, i % 9973, i % 1000, i % 100, i % 24, i % 60, i % 7 == 0 ? "W10" : "");
        out.write(row);
        written += row.length();
      }
    }
    size = Files.size(csv);
    key = "incoming/bench/orders-" + Long.toString(System.nanoTime(), 36) + ".csv";
    s3.createBucket(b -> b.bucket(bucket));
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(csv));
    Files.delete(csv);
  }

  /** The object's size in bytes. */
  public long size() {
    return size;
  }

  Result run() throws Exception {
    return new Result(raw(), etl());
  }

  private double raw() throws Exception {
    String topic = "bench.etl-raw." + Long.toString(System.nanoTime(), 36);
    BenchTopics.create(kafka, PARTITIONS, topic);
    long start = System.nanoTime();
    try (InputStream object = s3.getObject(b -> b.bucket(bucket).key(key));
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(object, StandardCharsets.UTF_8), 1 << 16);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                kafka.reliableProducerConfig("bench-etl-raw", Map.of()),
                new StringSerializer(),
                new ByteArraySerializer())) {
      long row = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        producer.send(
            new ProducerRecord<>(
                topic, Long.toString(row++), line.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    return size / 1e6 / ((System.nanoTime() - start) / 1e9);
  }

  private double etl() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    Path schema = work.resolve("bench-order.avsc");
    Files.writeString(schema, SCHEMA);
    EtlConfig config =
        EtlConfig.from(
            Settings.of(
                Map.of(
                    "ETL_SCHEMA_FILE", schema.toString(),
                    "ETL_ROWS_TOPIC", "bench.etl-rows." + run,
                    "ETL_EVENTS_TOPIC", "bench.etl-loads." + run,
                    "ETL_TRANSACTIONAL_ID_PREFIX", "bench.etl." + run + ".",
                    "KAFKA_REPLICATION_FACTOR", "1")));
    TaskHandler transform = EtlWorkers.transformHandler(kafka, s3, config);
    ObjectNode input = JSON.createObjectNode();
    input.putObject("object").put("bucket", bucket).put("key", key);
    input.put("format", "CSV");
    long start = System.nanoTime();
    JsonNode result = transform.handle(task(input));
    double rate = size / 1e6 / ((System.nanoTime() - start) / 1e9);
    if (result.path("rows").path("good").asLong() == 0) {
      throw new IllegalStateException("the ETL loaded no rows: " + result);
    }
    return rate;
  }

  private static ActivityTask task(JsonNode input) {
    return new ActivityTask() {
      @Override
      public String token() {
        return "bench";
      }

      @Override
      public String idempotencyKey() {
        return "bench";
      }

      @Override
      public String executionArn() {
        return "arn:aws:states:us-east-1:000000000000:execution:bench:bench";
      }

      @Override
      public String activityArn() {
        return "arn:aws:states:us-east-1:000000000000:activity:etl-transform";
      }

      @Override
      public JsonNode input() {
        return input;
      }

      @Override
      public Instant scheduledAt() {
        return Instant.now();
      }

      @Override
      public void heartbeat() {}
    };
  }
}
