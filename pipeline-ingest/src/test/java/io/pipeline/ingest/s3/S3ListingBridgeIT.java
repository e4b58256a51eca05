package io.pipeline.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(LocalStackExtension.class)
class S3ListingBridgeIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SETTLE = Duration.ofMillis(1500);

  private static KafkaSettings kafka;
  private static PipelineTopics topics;
  private static S3Client s3;
  private String bucket;
  private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());

  @BeforeAll
  static void prepare(LocalStack stack) {
    kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    PipelineKafka.prepare(kafka, Settings.of(Map.of())).close();
    topics = new PipelineTopics(SchemaCatalog.builtIn());
    s3 = stack.s3().newClient();
  }

  @BeforeEach
  void createBucket() {
    bucket = LocalStack.uniqueName("landing");
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Test
  void shouldEmitOneEventPerObjectAndNoneAgainAfterRestart() {
    put("in/a.csv", "a,1");
    put("in/b c.csv", "b,2");
    try (S3ListingBridge bridge = bridge(bucket)) {
      bridge.start();
      assertThat(events(2))
          .extracting(S3ObjectEvent::getKey)
          .containsExactlyInAnyOrder("in/a.csv", "in/b c.csv");
    }

    put("in/c.csv", "c,3");
    try (S3ListingBridge restarted = bridge(bucket)) {
      restarted.start();
      List<S3ObjectEvent> events = events(3);

      assertThat(events)
          .extracting(S3ObjectEvent::getKey)
          .containsExactlyInAnyOrder("in/a.csv", "in/b c.csv", "in/c.csv");
    }
  }

  @Test
  void shouldDescribeObjectInEvent() {
    put("data/readings.json", "{\"v\": 1}");
    try (S3ListingBridge bridge = bridge(bucket)) {
      bridge.start();

      S3ObjectEvent event = events(1).get(0);

      assertThat(event.getBucket()).isEqualTo(bucket);
      assertThat(event.getSize()).isEqualTo(8);
      assertThat(event.getEtag()).isNotBlank().doesNotContain("\"");
      assertThat(event.getSource()).isEqualTo(S3EventSource.LISTING);
      assertThat(event.getEventName()).isEqualTo("ObjectCreated:Put");
      assertThat(event.getEventTime()).isNotNull();
      Tags tags = IngestMetrics.topic(topics.s3ObjectEvents().name());
      assertThat(metrics.messagesOut("listing", tags).count()).isEqualTo(1);
      assertThat(metrics.kafkaAck("listing", tags).count()).isEqualTo(1);
    }
  }

  @Test
  void shouldReportOverwrittenAndRecreatedObjects() throws Exception {
    put("a.csv", "first");
    try (S3ListingBridge bridge = bridge(bucket)) {
      bridge.start();
      events(1);

      put("a.csv", "second version");
      List<S3ObjectEvent> afterOverwrite = events(2);
      assertThat(afterOverwrite).extracting(S3ObjectEvent::getSize).containsExactly(5L, 14L);

      s3.deleteObject(b -> b.bucket(bucket).key("a.csv"));
      Thread.sleep(1_000);
      put("a.csv", "first");
      assertThat(events(3)).extracting(S3ObjectEvent::getSize).containsExactly(5L, 14L, 5L);
    }
  }

  @Test
  void shouldStartReportingOnceMissingBucketAppears() {
    String later = LocalStack.uniqueName("later");
    try (S3ListingBridge bridge = bridge(later)) {
      bridge.start();
      s3.createBucket(b -> b.bucket(later));
      s3.putObject(b -> b.bucket(later).key("x.csv"), RequestBody.fromString("x"));

      assertThat(eventsOf(later, 1)).extracting(S3ObjectEvent::getKey).containsExactly("x.csv");
      assertThat(bridge.isStopped()).isFalse();
    }
  }

  @Test
  void shouldReportOnlyKeysWithTheBucketsPrefixAndSuffix() {
    put("in/a.csv", "a");
    put("in/b.json", "b");
    put("out/c.csv", "c");
    try (S3ListingBridge bridge = bridge(new S3ObjectFilter(bucket, "in/", ".csv"))) {
      bridge.start();
      put("in/d.csv", "d");

      assertThat(events(2))
          .extracting(S3ObjectEvent::getKey)
          .containsExactlyInAnyOrder("in/a.csv", "in/d.csv");
    }
  }

  private S3ListingBridge bridge(String watched) {
    return bridge(new S3ObjectFilter(watched, "", ""));
  }

  private S3ListingBridge bridge(S3ObjectFilter watched) {
    S3ListingConfig config = new S3ListingConfig(List.of(watched), Duration.ofMillis(200), 1000);
    return new S3ListingBridge(config, kafka, topics, s3, metrics, Clock.systemUTC());
  }

  private void put(String key, String content) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  private List<S3ObjectEvent> events(int expected) {
    return eventsOf(bucket, expected);
  }

  /** Waits for the bucket's events, then returns all of them, duplicates included. */
  private static List<S3ObjectEvent> eventsOf(String bucket, int expected) {
    return BucketRecords.await(
        kafka.bootstrapServers(), topics.s3ObjectEvents(), bucket, expected, TIMEOUT, SETTLE);
  }
}
