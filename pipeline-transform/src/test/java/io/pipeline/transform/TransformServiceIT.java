package io.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.common.config.Settings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.iot.TelemetryReading;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transform service on a real broker: the telemetry topology turns the MQTT bridge's envelopes
 * into readings, alerts and aggregates, drops a repeated reading, and dead-letters both a bad
 * payload and a record that is no envelope at all, without stopping.
 */
@ExtendWith(LocalStackExtension.class)
class TransformServiceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path state;

  @Test
  void shouldTurnEnvelopesIntoReadingsAlertsAndAggregatesOnceEach(LocalStack stack)
      throws Exception {
    // given
    String bootstrap = stack.kafka().bootstrapServers();
    String device = LocalStack.uniqueName("pump");
    // A minute boundary well after now: every reading of the test falls in one 1-minute window.
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
    Settings settings =
        Settings.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrap,
                "TRANSFORM_HTTP_PORT",
                "0",
                "TRANSFORM_STATE_DIR",
                state.toString(),
                "TELEMETRY_APPLICATION_ID",
                LocalStack.uniqueName("telemetry"),
                "TELEMETRY_GRACE",
                "1s"));
    try (Telemetry devices = new Telemetry(bootstrap);
        TransformService service = TransformService.start(settings)) {
      devices.register(device, "plant-9", "temperature", 0, 80);
      await()
          .atMost(TIMEOUT)
          .until(() -> service.apps().get(0).state() == KafkaStreams.State.RUNNING);

      // when
      for (int id = 1; id <= 4; id++) {
        devices.publish(
            device, Telemetry.reading(id, "temperature", 20 + id, start.plusSeconds(id)));
      }
      devices.publish(device, Telemetry.reading(3, "temperature", 23, start.plusSeconds(3)));
      devices.publish(device, Telemetry.reading(5, "temperature", 95, start.plusSeconds(5)));
      devices.publish(device, "{\"id\": 6, \"metric\": \"temperature\"");
      devices.publishRaw(device, "not an envelope".getBytes(StandardCharsets.UTF_8));
      // Event time moves past the first window's end and grace: its aggregate is final.
      devices.publish(
          device, Telemetry.reading(7, "temperature", 21, start.plus(Duration.ofMinutes(2))));

      // then
      List<TelemetryReading> readings =
          Telemetry.values(
              Telemetry.TOPICS.iotTelemetry(),
              records(bootstrap, "pipeline.iot.telemetry", device, 6));
      assertThat(readings)
          .extracting(TelemetryReading::getReadingId)
          .containsExactlyInAnyOrder(
              device + "/1",
              device + "/2",
              device + "/3",
              device + "/4",
              device + "/5",
              device + "/7");
      assertThat(readings.get(0).getAttributes()).containsEntry("site", "plant-9");
      List<TelemetryAlert> alerts =
          Telemetry.values(
              Telemetry.TOPICS.iotAlerts(), records(bootstrap, "pipeline.iot.alerts", device, 1));
      assertThat(alerts)
          .extracting(a -> a.getReadingId() + " " + a.getKind())
          .containsExactly(device + "/5 ABOVE_MAX");
      List<DeadLetter> letters =
          Telemetry.values(
              Telemetry.TOPICS.transformDeadLetters(),
              records(bootstrap, "pipeline.transform.dead-letters", device, 2));
      assertThat(letters).extracting(DeadLetter::getStage).containsOnly("telemetry");
      assertThat(letters)
          .extracting(DeadLetter::getReason)
          .anySatisfy(reason -> assertThat(reason).startsWith("the payload is not JSON"))
          .anySatisfy(reason -> assertThat(reason).startsWith("unreadable record"));
      assertThat(letters)
          .filteredOn(l -> l.getReason().startsWith("unreadable"))
          .extracting(l -> StandardCharsets.UTF_8.decode(l.getPayload()).toString())
          .containsExactly("not an envelope");
      // Windows are checked for closing at most once a second, as records arrive: later
      // readings keep coming, as they would from a live device.
      AtomicLong tick = new AtomicLong(100);
      List<TelemetryAggregate> minutes =
          await()
              .atMost(TIMEOUT)
              .pollInterval(Duration.ofMillis(1200))
              .until(
                  () -> {
                    long id = tick.incrementAndGet();
                    devices.publish(
                        device,
                        Telemetry.reading(
                            id,
                            "temperature",
                            21,
                            start.plus(Duration.ofMinutes(2)).plusMillis(id)));
                    return Telemetry.values(
                            Telemetry.TOPICS.iotAggregates(),
                            TopicReader.read(
                                bootstrap,
                                "pipeline.iot.aggregates",
                                Integer.MAX_VALUE,
                                Duration.ZERO,
                                Duration.ofMillis(300)))
                        .stream()
                        .filter(a -> a.getDeviceId().equals(device) && a.getWindow().equals("1m"))
                        .toList();
                  },
                  found -> !found.isEmpty());
      assertThat(minutes)
          .singleElement()
          .satisfies(
              minute -> {
                assertThat(minute.getWindowStart()).isEqualTo(start);
                assertThat(minute.getCount()).as("the repeated reading 3 counts once").isEqualTo(5);
                assertThat(minute.getMax()).isEqualTo(95);
                assertThat(minute.getMin()).isEqualTo(21);
              });
      assertThat(service.apps().get(0).state()).isEqualTo(KafkaStreams.State.RUNNING);
      HttpResponse<String> health = get(service.uri().resolve("/health"));
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
    }
  }

  private static List<ConsumerRecord<String, byte[]>> records(
      String bootstrap, String topic, String device, int count) {
    return TopicReader.awaitMatching(
        bootstrap, topic, r -> device.equals(r.key()), count, TIMEOUT, Duration.ofSeconds(1));
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
