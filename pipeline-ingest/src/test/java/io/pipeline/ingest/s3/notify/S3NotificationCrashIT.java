package io.pipeline.ingest.s3.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.IngestMain;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ingest service, reading S3 notifications from SQS, is killed with SIGKILL while objects are
 * uploaded, then started again: downstream of the deduplication step every object is there exactly
 * once.
 */
@ExtendWith(LocalStackExtension.class)
class S3NotificationCrashIT {

  private static final int OBJECTS = 300;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void shouldReportEveryObjectExactlyOnceWhenKilledMidStream(LocalStack stack) throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    Topic<String, S3ObjectEvent> topic =
        new PipelineTopics(SchemaCatalog.builtIn()).s3ObjectEvents();
    String bucket = LocalStack.uniqueName("crash");
    String queue = stack.sqs().createQueue(bucket);
    S3Endpoint s3 = stack.s3();
    // The restarted instance takes the killed one's partitions back at once (static membership)
    // and sees the messages the killed one had received once their visibility timeout is over.
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("KAFKA_BOOTSTRAP_SERVERS", bootstrap),
            Map.entry("S3_NOTIFICATIONS_INSTANCE_ID", "ingest-1"),
            Map.entry("S3_NOTIFICATIONS_SQS_VISIBILITY_TIMEOUT", "10s"),
            Map.entry("SQS_ENDPOINT", stack.sqs().uri().toString()),
            Map.entry("S3_NOTIFICATIONS_SQS_QUEUE_URLS", queue),
            Map.entry("S3_NOTIFICATIONS_SQS_WAIT_TIME", "1s"),
            Map.entry("S3_NOTIFICATIONS_APPLICATION_ID", LocalStack.uniqueName("dedup")),
            Map.entry("S3_NOTIFICATIONS_STATE_DIR", dir.resolve("state").toString()),
            Map.entry("S3_REGION", s3.region()),
            Map.entry("AWS_ACCESS_KEY_ID", s3.accessKeyId()),
            Map.entry("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey()),
            Map.entry("INGEST_HTTP_PORT", "0"));

    try (S3Client client = s3.newClient()) {
      client.createBucket(b -> b.bucket(bucket));
      stack.s3Notifications().toQueue(bucket, queue);
      CompletableFuture<Void> uploads;
      try (ChildJvm first =
          ChildJvm.start(IngestMain.class, List.of(), env, dir.resolve("first.log"))) {
        assertThat(first.awaitOutput("SQS notification bridge reading", Duration.ofSeconds(60)))
            .as(first.output())
            .isTrue();
        uploads =
            CompletableFuture.runAsync(
                () ->
                    IntStream.range(0, OBJECTS)
                        .forEach(
                            i ->
                                client.putObject(
                                    b -> b.bucket(bucket).key(String.format("in/%04d.csv", i)),
                                    RequestBody.fromString("row," + i))));
        events(bootstrap, topic, bucket, OBJECTS / 4, Duration.ZERO);
        assertThat(first.kill()).isEqualTo(137);
      }
      try (ChildJvm second =
          ChildJvm.start(IngestMain.class, List.of(), env, dir.resolve("second.log"))) {
        uploads.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        List<S3ObjectEvent> created =
            events(bootstrap, topic, bucket, OBJECTS, Duration.ofSeconds(3)).stream()
                .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
                .toList();

        // A notification delivered again carries the same sequencer, so the same event id: one
        // event per id is the deduplication's promise. A key may still come twice if the upload
        // itself was sent twice (a transport retry of the PUT makes a second object version, with
        // a sequencer of its own, which S3 reports too); the events of such keys are shown.
        String shown = "events of keys seen twice: " + twice(created) + "\n" + second.output();
        assertThat(created).as(shown).extracting(S3ObjectEvent::getEventId).doesNotHaveDuplicates();
        assertThat(created)
            .as(shown)
            .extracting(S3ObjectEvent::getKey)
            .containsAll(
                IntStream.range(0, OBJECTS)
                    .mapToObj(i -> String.format("in/%04d.csv", i))
                    .toList());
      }
    }
  }

  /** The events of keys that came more than once, to tell a redelivery from a second upload. */
  private static List<S3ObjectEvent> twice(List<S3ObjectEvent> events) {
    Map<String, Long> counts =
        events.stream()
            .collect(Collectors.groupingBy(S3ObjectEvent::getKey, Collectors.counting()));
    return events.stream().filter(e -> counts.get(e.getKey()) > 1).toList();
  }

  private static List<ConsumerRecord<String, byte[]>> events(
      String bootstrap,
      Topic<String, S3ObjectEvent> topic,
      String bucket,
      int count,
      Duration settle) {
    return TopicReader.awaitMatching(
        bootstrap, topic.name(), r -> r.key().startsWith(bucket + "/"), count, TIMEOUT, settle);
  }
}
