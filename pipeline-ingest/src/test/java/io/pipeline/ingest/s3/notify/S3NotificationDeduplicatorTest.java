package io.pipeline.ingest.s3.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.ingest.s3.S3ObjectFilter;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3NotificationDeduplicatorTest {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final Duration RETENTION = Duration.ofHours(24);

  private final PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> notifications;
  private TestOutputTopic<String, S3ObjectEvent> events;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void startDriver() {
    start(NotificationFilters.NONE);
  }

  private void start(NotificationFilters filters) {
    if (driver != null) {
      driver.close();
    }
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            S3NotificationDeduplicator.topology(topics, filters, RETENTION), properties, T0);
    notifications =
        driver.createInputTopic(
            topics.s3Notifications().name(), new StringSerializer(), new ByteArraySerializer());
    events =
        driver.createOutputTopic(
            topics.s3ObjectEvents().name(),
            new StringDeserializer(),
            topics.s3ObjectEvents().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.ingestDeadLetters().name(),
            new StringDeserializer(),
            topics.ingestDeadLetters().valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldEmitOneEventWhenSameNotificationIsDeliveredTwice() {
    // given
    String record = created("landing", "in/a.csv", "0055AED6DCD90281E5", "etag-1");

    // when
    pipe("landing/in/a.csv", "msg-1", record);
    pipe("landing/in/a.csv", "msg-1", record);

    // then
    List<S3ObjectEvent> out = events.readValuesToList();
    assertThat(out).hasSize(1);
    S3ObjectEvent event = out.get(0);
    assertThat(event.getBucket()).isEqualTo("landing");
    assertThat(event.getKey()).isEqualTo("in/a.csv");
    assertThat(event.getEtag()).isEqualTo("etag-1");
    assertThat(event.getSize()).isEqualTo(12);
    assertThat(event.getSequencer()).isEqualTo("0055AED6DCD90281E5");
    assertThat(event.getEventName()).isEqualTo("ObjectCreated:Put");
    assertThat(event.getSource()).isEqualTo(S3EventSource.SQS_NOTIFICATION);
    assertThat(event.getEventTime()).isEqualTo(T0);
    assertThat(event.getEventId()).isNotBlank();
  }

  @Test
  void shouldGiveSameEventIdWhenSameVersionIsNotifiedThroughAnotherStep() {
    // given
    String record = created("landing", "a.csv", "0A", "e");
    pipe("landing/a.csv", "msg-1", record);
    String firstId = events.readValue().getEventId();

    // when: a fresh store (another application) sees the same notification
    start(NotificationFilters.NONE);
    pipe("landing/a.csv", "msg-2", record);

    // then
    assertThat(events.readValue().getEventId()).isEqualTo(firstId);
  }

  @Test
  void shouldDropOlderSequencerWhenItArrivesAfterNewer() {
    // when
    pipe("b/k", "m2", created("b", "k", "0055AED6DCD90281E6", "new"));
    pipe("b/k", "m1", created("b", "k", "0055AED6DCD90281E5", "old"));
    pipe("b/k", "m3", created("b", "k", "0055AED6DCD90281E7", "newest"));

    // then
    assertThat(events.readValuesToList())
        .extracting(S3ObjectEvent::getEtag)
        .containsExactly("new", "newest");
  }

  @Test
  void shouldCompareSequencersRightPaddedWhenLengthsDiffer() {
    // given: "0A1" is "0A10" padded, which is less than "0A2F"; "0B" is "0B00", more
    pipe("b/k", "m1", created("b", "k", "0A2F", "first"));

    // when
    pipe("b/k", "m2", created("b", "k", "0A1", "older"));
    pipe("b/k", "m3", created("b", "k", "0B", "newer"));

    // then
    assertThat(events.readValuesToList())
        .extracting(S3ObjectEvent::getEtag)
        .containsExactly("first", "newer");
  }

  @Test
  void shouldCompareSequencersOnlyForSameKey() {
    // when
    pipe("b/k1", "m1", created("b", "k1", "0FFF", "one"));
    pipe("b/k2", "m2", created("b", "k2", "0001", "two"));

    // then
    assertThat(events.readValuesToList())
        .extracting(S3ObjectEvent::getKey)
        .containsExactly("k1", "k2");
  }

  @Test
  void shouldDecodeKeyWhenUrlEncoded() {
    // when
    pipe("landing/in/b c+.csv", "m1", created("landing", "in/b+c%2B.csv", "01", "e"));

    // then
    var record = events.readRecord();
    assertThat(record.key()).isEqualTo("landing/in/b c+.csv");
    assertThat(record.value().getKey()).isEqualTo("in/b c+.csv");
  }

  @Test
  void shouldFallBackToEtagAndVersionWhenNoSequencer() {
    // when
    pipe("b/k", "m1", created("b", "k", null, "e1"));
    pipe("b/k", "m1", created("b", "k", null, "e1"));
    pipe("b/k", "m2", created("b", "k", null, "e2"));

    // then
    assertThat(events.readValuesToList())
        .extracting(S3ObjectEvent::getEtag)
        .containsExactly("e1", "e2");
  }

  @Test
  void shouldIgnoreTestEventAndEventsOtherThanCreated() {
    // when
    pipe(
        "b/",
        "m0",
        "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-01-01T00:00:00Z\","
            + "\"Bucket\":\"b\"}");
    pipe(
        "b/k",
        "m1",
        created("b", "k", "01", "e").replace("ObjectCreated:Put", "ObjectRemoved:Delete"));

    // then
    assertThat(events.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldAcceptMinioEventNamesWithS3Prefix() {
    // when
    pipe(
        "b/k",
        "m1",
        created("b", "k", "01", "e").replace("ObjectCreated:Put", "s3:ObjectCreated:Put"));

    // then
    assertThat(events.readValue().getEventName()).isEqualTo("ObjectCreated:Put");
  }

  @Test
  void shouldSendPoisonToDeadLetterTopicAndGoOn() {
    // when
    notifications.pipeInput("b/x", "not avro".getBytes(StandardCharsets.UTF_8));
    pipe("b/y", "m1", "{\"Records\": oops");
    pipe("b/z", "m2", "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"}}}");
    pipe("b/k", "m3", created("b", "k", "01", "e"));

    // then
    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters).hasSize(3);
    assertThat(letters.get(0).getReason()).startsWith("not an S3Notification record");
    assertThat(letters.get(1).getReason()).startsWith("eventJson is not JSON").contains("line 1");
    assertThat(letters.get(2).getReason())
        .isEqualTo("eventJson.s3.object.key is missing or not text");
    assertThat(letters.get(2).getOrigin()).startsWith(topics.s3Notifications().name() + "-");
    assertThat(letters.get(2).getStage()).isEqualTo(DeduplicationProcessor.STAGE);
    assertThat(events.readValuesToList()).extracting(S3ObjectEvent::getKey).containsExactly("k");
  }

  @Test
  void shouldDropObjectsFiltersReject() {
    // given
    start(new NotificationFilters(List.of(S3ObjectFilter.parse("b:in/:.csv"))));

    // when
    pipe("b/in/a.json", "m1", created("b", "in/a.json", "01", "e"));
    pipe("c/in/a.csv", "m2", created("c", "in/a.csv", "01", "e"));
    pipe("b/in/a.csv", "m3", created("b", "in/a.csv", "01", "e"));

    // then
    assertThat(events.readValuesToList())
        .extracting(S3ObjectEvent::getKey)
        .containsExactly("in/a.csv");
  }

  @Test
  void shouldForgetKeysWhenUnseenForLongerThanRetention() {
    // given
    String record = created("b", "k", "01", "e");
    pipe("b/k", "m1", record);
    KeyValueStore<String, LastSeen> store =
        driver.getKeyValueStore(S3NotificationDeduplicator.STORE);
    assertThat(store.get("b/k")).isNotNull();

    // when
    driver.advanceWallClockTime(RETENTION.plusHours(2));

    // then
    assertThat(store.get("b/k")).isNull();
  }

  private void pipe(String key, String deliveryId, String eventJson) {
    S3Notification notification =
        S3Notification.newBuilder()
            .setSource(S3EventSource.SQS_NOTIFICATION.name())
            .setDeliveryId(deliveryId)
            .setEventJson(eventJson)
            .setReceivedAt(T0.plusSeconds(1))
            .build();
    notifications.pipeInput(
        key,
        topics
            .s3Notifications()
            .valueSerde()
            .serializer()
            .serialize(topics.s3Notifications().name(), notification));
  }

  private static String created(String bucket, String encodedKey, String sequencer, String etag) {
    return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventTime\":\""
        + T0
        + "\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\""
        + bucket
        + "\",\"arn\":\"arn:aws:s3:::"
        + bucket
        + "\"},\"object\":{\"key\":\""
        + encodedKey
        + "\",\"size\":12,\"eTag\":\""
        + etag
        + "\""
        + (sequencer == null ? "" : ",\"sequencer\":\"" + sequencer + "\"")
        + "}}}";
  }
}
