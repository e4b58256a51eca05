package io.pipeline.ingest.s3.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.ingest.s3.BucketRecords;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Uploads through the AWS SDK to the notifying S3 server, notifications through ElasticMQ, the
 * bridge and the deduplication step on the embedded broker: what ends on the object-event topic.
 */
@ExtendWith(LocalStackExtension.class)
class SqsNotificationBridgeIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private static KafkaSettings kafka;
  private static PipelineTopics topics;
  private static S3Client s3;
  private static SqsClient sqs;
  private final java.util.Deque<AutoCloseable> running = new java.util.ArrayDeque<>();
  private String bucket;
  private String queueUrl;
  private String applicationId;

  @BeforeAll
  static void prepare(LocalStack stack) {
    kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    PipelineKafka.prepare(kafka, Settings.of(Map.of())).close();
    topics = new PipelineTopics(SchemaCatalog.builtIn());
    s3 = stack.s3().newClient();
    sqs = stack.sqs().newClient();
  }

  @BeforeEach
  void createBucketAndQueue(LocalStack stack) {
    bucket = LocalStack.uniqueName("notified");
    s3.createBucket(b -> b.bucket(bucket));
    queueUrl = stack.sqs().createQueue(LocalStack.uniqueName("s3-events"));
    stack.s3Notifications().toQueue(bucket, queueUrl);
    applicationId = LocalStack.uniqueName("dedup");
  }

  @AfterEach
  void stop() throws Exception {
    while (!running.isEmpty()) {
      running.pop().close();
    }
  }

  @Test
  void shouldTurnPutThroughSdkIntoOneObjectEvent() {
    // given
    startDeduplicator(tempDir());
    startBridge(kafka, Duration.ofSeconds(30));

    // when
    String etag =
        s3.putObject(b -> b.bucket(bucket).key("in/b c+.csv"), RequestBody.fromString("a,b\n1,2\n"))
            .eTag();

    // then
    List<S3ObjectEvent> events = events(1);
    assertThat(events).hasSize(1);
    S3ObjectEvent event = events.get(0);
    assertThat(event.getKey()).isEqualTo("in/b c+.csv");
    assertThat(event.getBucket()).isEqualTo(bucket);
    assertThat(event.getSize()).isEqualTo(8);
    assertThat(event.getEtag()).isEqualTo(etag.replace("\"", ""));
    assertThat(event.getSource()).isEqualTo(S3EventSource.SQS_NOTIFICATION);
    assertThat(event.getEventName()).isEqualTo("ObjectCreated:Put");
    assertThat(event.getSequencer()).isNotBlank();
    awaitQueueEmpty();
  }

  @Test
  void shouldTurnMultipartUploadIntoOneObjectEvent() {
    // given
    startDeduplicator(tempDir());
    startBridge(kafka, Duration.ofSeconds(30));
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
    byte[] part = new byte[5 * 1024 * 1024];
    String first =
        s3.uploadPart(
                b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part))
            .eTag();
    String second =
        s3.uploadPart(
                b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(new byte[100]))
            .eTag();

    // when
    s3.completeMultipartUpload(
        b ->
            b.bucket(bucket)
                .key("big.bin")
                .uploadId(uploadId)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(first).build(),
                            CompletedPart.builder().partNumber(2).eTag(second).build())));

    // then
    List<S3ObjectEvent> events = events(1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
    assertThat(events.get(0).getSize()).isEqualTo(part.length + 100L);
  }

  @Test
  void shouldEmitOneEventWhenSameSqsMessageIsDeliveredTwice() {
    // given: two bridges on the queue, whose Kafka writes take longer (linger) than the
    // visibility timeout, so the second receives the message while the first still holds it
    startDeduplicator(tempDir());
    KafkaSettings slow = new KafkaSettings(kafka.bootstrapServers(), Map.of("linger.ms", 3000));
    startBridge(slow, Duration.ofSeconds(1));
    startBridge(slow, Duration.ofSeconds(1));

    // when
    s3.putObject(b -> b.bucket(bucket).key("twice.csv"), RequestBody.fromString("x"));

    // then
    List<S3Notification> raw = rawNotifications(2);
    assertThat(raw).as("deliveries of the message").hasSizeGreaterThanOrEqualTo(2);
    assertThat(raw)
        .extracting(S3Notification::getDeliveryId)
        .containsOnly(raw.get(0).getDeliveryId());
    // Every delete comes after the message was received again, so it keeps coming back (a
    // visibility timeout shorter than the work): however often, one event.
    assertThat(events(1)).extracting(S3ObjectEvent::getKey).containsExactly("twice.csv");
  }

  @Test
  void shouldWriteEachObjectExactlyOnceWhenRestartedMidStream() throws Exception {
    // given
    int objects = 200;
    startDeduplicator(tempDir());
    AutoCloseable bridge = startBridge(kafka, Duration.ofSeconds(30));
    CompletableFuture<Void> uploads =
        CompletableFuture.runAsync(
            () ->
                IntStream.range(0, objects)
                    .forEach(
                        i ->
                            s3.putObject(
                                b -> b.bucket(bucket).key(String.format("obj-%03d.csv", i)),
                                RequestBody.fromString("row," + i))));
    await().atMost(TIMEOUT).until(() -> eventRecords(r -> true, 50, Duration.ZERO).size() >= 50);

    // when: the bridge and the deduplication step stop while uploads go on, and come back, the
    // step with an empty state folder (its store is restored from Kafka)
    bridge.close();
    running.remove(bridge);
    stop();
    startDeduplicator(tempDir());
    startBridge(kafka, Duration.ofSeconds(30));
    uploads.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

    // then
    List<S3ObjectEvent> events = events(objects);
    assertThat(events).hasSize(objects);
    assertThat(events.stream().map(S3ObjectEvent::getKey).distinct()).hasSize(objects);
    awaitQueueEmpty();
  }

  @Test
  void shouldSendMalformedMessageToDeadLetterTopicAndGoOn() {
    // given
    startDeduplicator(tempDir());
    startBridge(kafka, Duration.ofSeconds(30));

    // when
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"Records\": [{\"eventName\": 1}]}"));
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("<xml/>"));
    s3.putObject(b -> b.bucket(bucket).key("after.csv"), RequestBody.fromString("x"));

    // then
    assertThat(events(1)).extracting(S3ObjectEvent::getKey).containsExactly("after.csv");
    Topic<String, DeadLetter> topic = topics.ingestDeadLetters();
    List<DeadLetter> letters =
        TopicReader.awaitMatching(
                kafka.bootstrapServers(), topic.name(), r -> true, 2, TIMEOUT, Duration.ZERO)
            .stream()
            .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
            .filter(l -> l.getOrigin().equals(queueUrl))
            .toList();
    assertThat(letters)
        .extracting(DeadLetter::getReason)
        .containsExactlyInAnyOrder(
            "Records[0].eventName is missing or not text",
            "not JSON: Unexpected character ('<' (code 60)): expected a valid value (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false') at line 1, column 1");
    assertThat(letters).allSatisfy(l -> assertThat(l.getStage()).isEqualTo("s3-notifications"));
    awaitQueueEmpty();
  }

  private AutoCloseable startBridge(KafkaSettings kafkaSettings, Duration visibility) {
    NotificationPublisher publisher =
        track(
            new NotificationPublisher(
                kafkaSettings,
                topics,
                "sqs-it",
                new IngestMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC()));
    SqsNotificationBridge bridge =
        track(new SqsNotificationBridge(config(visibility, tempDir()), sqs, publisher));
    bridge.start();
    return () -> {
      bridge.close();
      publisher.close();
      running.remove(publisher);
    };
  }

  private void startDeduplicator(Path stateDir) {
    track(new S3NotificationDeduplicator(config(Duration.ofSeconds(30), stateDir), kafka, topics))
        .start();
  }

  private S3NotificationConfig config(Duration visibility, Path stateDir) {
    return new S3NotificationConfig(
        List.of(queueUrl),
        Optional.empty(),
        Duration.ofSeconds(1),
        visibility,
        false,
        Optional.empty(),
        NotificationFilters.NONE,
        applicationId,
        Optional.of(stateDir.toString()),
        Duration.ofHours(1),
        2,
        Optional.empty());
  }

  private <T extends AutoCloseable> T track(T part) {
    running.push(part);
    return part;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("dedup-it");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void awaitQueueEmpty() {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Map<QueueAttributeName, String> attributes =
                  sqs.getQueueAttributes(
                          b ->
                              b.queueUrl(queueUrl)
                                  .attributeNames(
                                      QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                      QueueAttributeName
                                          .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                      .attributes();
              assertThat(attributes.values()).as("messages left in %s", queueUrl).containsOnly("0");
            });
  }

  /** Waits for the bucket's object events, then returns all of them, duplicates included. */
  private List<S3ObjectEvent> events(int expected) {
    Topic<String, S3ObjectEvent> topic = topics.s3ObjectEvents();
    return eventRecords(r -> true, expected, SETTLE).stream()
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }

  private List<ConsumerRecord<String, byte[]>> eventRecords(
      Predicate<ConsumerRecord<String, byte[]>> matching, int expected, Duration settle) {
    return TopicReader.awaitMatching(
        kafka.bootstrapServers(),
        topics.s3ObjectEvents().name(),
        r -> r.key().startsWith(bucket + "/") && matching.test(r),
        expected,
        TIMEOUT,
        settle);
  }

  private List<S3Notification> rawNotifications(int expected) {
    return BucketRecords.await(
        kafka.bootstrapServers(), topics.s3Notifications(), bucket, expected, TIMEOUT, SETTLE);
  }
}
