package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the ETL integration tests share: the local stack's Kafka and S3, a bucket and a rows topic
 * of their own, the stages as the workers run them, and ways to read what a load wrote.
 */
final class EtlFixture {

  static final ObjectMapper JSON = new ObjectMapper();

  final KafkaSettings kafka;
  final S3Client s3;
  final String bucket;
  final EtlConfig config;
  final ValidateStage validate;
  final TransformStage transform;
  final CatalogStage catalog;

  private EtlFixture(KafkaSettings kafka, S3Client s3, String bucket, EtlConfig config) {
    this.kafka = kafka;
    this.s3 = s3;
    this.bucket = bucket;
    this.config = config;
    this.validate = new ValidateStage(s3, config);
    this.transform = new TransformStage(s3, kafka, config, Clock.systemUTC());
    this.catalog = new CatalogStage(s3, config, Clock.systemUTC());
  }

  /** The pipeline's topics, created once per test JVM. */
  static KafkaSettings kafka(LocalStack stack) {
    KafkaSettings kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    PipelineKafka.prepare(kafka, Settings.of(Map.of())).close();
    return kafka;
  }

  /** A new bucket and rows topic, with these settings beside the defaults. */
  static EtlFixture create(KafkaSettings kafka, S3Client s3, Map<String, String> settings) {
    String bucket = LocalStack.uniqueName("landing");
    s3.createBucket(b -> b.bucket(bucket));
    Map<String, String> all = new HashMap<>();
    all.put(EtlConfig.SCHEMA_FILE.name(), EtlTestData.ORDERS_SCHEMA.toString());
    all.put(EtlConfig.ROWS_TOPIC.name(), LocalStack.uniqueName("etl-rows"));
    all.put(EtlConfig.ROWS_PARTITIONS.name(), "3");
    all.put(EtlConfig.TRANSACTIONAL_ID_PREFIX.name(), LocalStack.uniqueName("etl") + ".");
    all.putAll(settings);
    EtlConfig config = EtlConfig.from(Settings.of(all));
    EtlWorkers.prepare(kafka, config);
    return new EtlFixture(kafka, s3, bucket, config);
  }

  void put(String key, byte[] content) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  byte[] get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  boolean exists(String key) {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
        .anyMatch(o -> o.key().equals(key));
  }

  /** The event the trigger would start the state machine with. */
  JsonNode event(String key) {
    String etag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag().replace("\"", "");
    return JSON.createObjectNode()
        .put("eventId", "e-" + etag)
        .put("eventName", "ObjectCreated:Put")
        .put("bucket", bucket)
        .put("key", key)
        .put("etag", etag);
  }

  /** Runs validate, then transform with the format the validation found, as the machine does. */
  JsonNode validateAndTransform(String key) throws Exception {
    JsonNode object = validate.handle(task(event(key)));
    JsonNode input =
        JSON.createObjectNode()
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("object", object)
            .put("format", object.path("format").asText());
    return transform.handle(task(input));
  }

  /** The committed rows on the topic, read until at least {@code count} came. */
  List<ConsumerRecord<String, byte[]>> rows(int count) {
    return TopicReader.read(
        kafka.bootstrapServers(),
        config.rowsTopic(),
        count,
        Duration.ofSeconds(20),
        Duration.ofMillis(500));
  }

  /** Decodes rows as any consumer would: the writer's schema comes from the schema topic. */
  List<GenericRecord> decode(List<ConsumerRecord<String, byte[]>> records) {
    try (SchemaTopic schemas = new SchemaTopic(kafka.clientConfig(Map.of()), new SchemaCatalog())) {
      AvroSerde<GenericRecord> serde = AvroSerde.generic(config.schema(), schemas);
      return records.stream().map(r -> serde.decode(r.topic(), r.value())).toList();
    }
  }

  static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A task as a worker receives it, for calling a stage's handler directly. */
  static ActivityTask task(JsonNode input) {
    return new ActivityTask() {
      @Override
      public String token() {
        return "token";
      }

      @Override
      public String idempotencyKey() {
        return "key";
      }

      @Override
      public String executionArn() {
        return "arn:aws:states:us-east-1:000000000000:execution:etl:test";
      }

      @Override
      public String activityArn() {
        return "arn:aws:states:us-east-1:000000000000:activity:test";
      }

      @Override
      public JsonNode input() {
        return input;
      }

      @Override
      public Instant scheduledAt() {
        return Instant.EPOCH;
      }

      @Override
      public void heartbeat() {}
    };
  }
}
