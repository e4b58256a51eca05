package io.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.schemas.iot.TelemetryReading;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transform service is killed with SIGKILL while devices send readings, then started again:
 * every reading reaches {@code pipeline.iot.telemetry} exactly once, and readings sent again after
 * the restart are still known as duplicates: the deduplication state survives the crash with the
 * output it vouches for (under exactly_once_v2 both commit together or not at all).
 */
@ExtendWith(LocalStackExtension.class)
class TelemetryCrashIT {

  private static final int DEVICES = 4;
  private static final int READINGS = 500;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void shouldWriteEveryReadingExactlyOnceWhenKilledMidStream(LocalStack stack) throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    String prefix = LocalStack.uniqueName("crash") + "-";
    String applicationId = LocalStack.uniqueName("telemetry");
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            bootstrap,
            "TRANSFORM_HTTP_PORT",
            "0",
            "TRANSFORM_STATE_DIR",
            dir.resolve("state").toString(),
            "TRANSFORM_INSTANCE_ID",
            "transform-1",
            "TELEMETRY_APPLICATION_ID",
            applicationId);
    String running = "Transform '" + applicationId + "' running";
    Instant start = Instant.now();
    try (Telemetry devices = new Telemetry(bootstrap)) {
      CompletableFuture<Void> sending;
      try (ChildJvm first =
          ChildJvm.start(TransformMain.class, List.of(), env, dir.resolve("first.log"))) {
        assertThat(first.awaitOutput(running, Duration.ofSeconds(90))).as(first.output()).isTrue();
        sending = CompletableFuture.runAsync(() -> send(devices, prefix, 0, READINGS, start));
        readings(bootstrap, prefix, DEVICES * READINGS / 4, Duration.ZERO);
        assertThat(first.kill()).isEqualTo(137);
      }
      try (ChildJvm second =
          ChildJvm.start(TransformMain.class, List.of(), env, dir.resolve("second.log"))) {
        sending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // Sent again, as a device that did not get its acknowledgement would.
        send(devices, prefix, 0, READINGS / 2, start);

        List<String> ids =
            readings(bootstrap, prefix, DEVICES * READINGS, Duration.ofSeconds(5)).stream()
                .map(TelemetryReading::getReadingId)
                .toList();

        assertThat(ids).as(second.output()).doesNotHaveDuplicates().hasSize(DEVICES * READINGS);
        Set<String> expected =
            IntStream.range(0, DEVICES)
                .boxed()
                .flatMap(d -> IntStream.range(0, READINGS).mapToObj(i -> prefix + d + "/" + i))
                .collect(Collectors.toSet());
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  private static void send(Telemetry devices, String prefix, int from, int to, Instant start) {
    for (int i = from; i < to; i++) {
      for (int d = 0; d < DEVICES; d++) {
        devices.publish(
            prefix + d, Telemetry.reading(i, "pressure", i % 50, start.plusMillis(i * 100L)));
      }
    }
  }

  private static List<TelemetryReading> readings(
      String bootstrap, String prefix, int count, Duration settle) {
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.awaitMatching(
            bootstrap,
            Telemetry.TOPICS.iotTelemetry().name(),
            r -> r.key() != null && r.key().startsWith(prefix),
            count,
            TIMEOUT,
            settle);
    return Telemetry.values(Telemetry.TOPICS.iotTelemetry(), records);
  }
}
