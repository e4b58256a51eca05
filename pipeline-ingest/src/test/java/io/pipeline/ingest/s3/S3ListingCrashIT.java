package io.pipeline.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.IngestMain;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The ingest service killed with SIGKILL in the middle of its work loses and repeats nothing. */
@ExtendWith(LocalStackExtension.class)
class S3ListingCrashIT {

  @TempDir Path dir;

  @Test
  void shouldReportEveryObjectExactlyOnceWhenKilledMidway(LocalStack stack) {
    String bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    String bucket = LocalStack.uniqueName("crash");
    S3Endpoint s3 = stack.s3();
    try (S3Client client = s3.newClient()) {
      client.createBucket(b -> b.bucket(bucket));
      putObjects(client, bucket, 0, 1000);

      try (ChildJvm first = ingest(bootstrap, s3, bucket, "first.log")) {
        awaitEventKeys(bootstrap, bucket, 1, Duration.ZERO);
        assertThat(first.kill()).isEqualTo(137);
      }
      List<String> beforeRestart = awaitEventKeys(bootstrap, bucket, 0, Duration.ZERO);
      assertThat(beforeRestart).as("killed before it finished").hasSizeLessThan(1000);
      putObjects(client, bucket, 1000, 1100);

      try (ChildJvm second = ingest(bootstrap, s3, bucket, "second.log")) {
        List<String> keys = awaitEventKeys(bootstrap, bucket, 1100, Duration.ofSeconds(2));

        assertThat(keys).hasSize(1100).doesNotHaveDuplicates();
        assertThat(second.output()).doesNotContain("ERROR");
      }
    }
  }

  private ChildJvm ingest(String bootstrap, S3Endpoint s3, String bucket, String log) {
    return ChildJvm.start(
        IngestMain.class,
        List.of(),
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            bootstrap,
            "S3_ENDPOINT",
            s3.uri().toString(),
            "AWS_ACCESS_KEY_ID",
            s3.accessKeyId(),
            "AWS_SECRET_ACCESS_KEY",
            s3.secretAccessKey(),
            "S3_LISTING_BUCKETS",
            bucket,
            "S3_LISTING_INTERVAL",
            "100ms",
            "S3_LISTING_PAGE_SIZE",
            "2"),
        dir.resolve(log));
  }

  private static void putObjects(S3Client client, String bucket, int from, int to) {
    IntStream.range(from, to)
        .forEach(
            i ->
                client.putObject(
                    b -> b.bucket(bucket).key(String.format("part-%05d.json", i)),
                    RequestBody.fromString("{\"i\": " + i + "}")));
  }

  /** The keys of the bucket's committed events once {@code count} arrived, duplicates included. */
  private static List<String> awaitEventKeys(
      String bootstrap, String bucket, int count, Duration settle) {
    return TopicReader.awaitMatching(
            bootstrap,
            PipelineTopics.S3_OBJECT_EVENTS,
            r -> r.key().startsWith(bucket + "/"),
            count,
            Duration.ofSeconds(90),
            settle)
        .stream()
        .map(ConsumerRecord::key)
        .toList();
  }
}
