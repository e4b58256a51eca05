package io.pipeline.transform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.MetricLimits;
import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The telemetry topology: readings out of MQTT envelopes, bad ones dead-lettered, once each. */
class TelemetryTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, MqttMessage> envelopes;
  private TestOutputTopic<String, TelemetryReading> readings;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private TestOutputTopic<String, TelemetryAggregate> aggregates;
  private TestOutputTopic<String, TelemetryAlert> alerts;
  private TestInputTopic<String, DeviceRecord> devices;

  @BeforeEach
  void startDriver() {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "telemetry-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(TelemetryTopology.build(topics, WINDOW, GRACE), properties, T0);
    envelopes =
        driver.createInputTopic(
            topics.mqttMessages().name(),
            new StringSerializer(),
            topics.mqttMessages().valueSerde().serializer());
    readings =
        driver.createOutputTopic(
            topics.iotTelemetry().name(),
            new StringDeserializer(),
            topics.iotTelemetry().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.transformDeadLetters().name(),
            new StringDeserializer(),
            topics.transformDeadLetters().valueSerde().deserializer());
    aggregates =
        driver.createOutputTopic(
            topics.iotAggregates().name(),
            new StringDeserializer(),
            topics.iotAggregates().valueSerde().deserializer());
    alerts =
        driver.createOutputTopic(
            topics.iotAlerts().name(),
            new StringDeserializer(),
            topics.iotAlerts().valueSerde().deserializer());
    devices =
        driver.createInputTopic(
            topics.iotDevices().name(),
            new StringSerializer(),
            topics.iotDevices().valueSerde().serializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldTurnAValidPayloadIntoAReadingKeyedByDeviceAtItsEventTime() {
    // when
    envelopes.pipeInput(
        "pump-7",
        envelope(
            "{\"id\": 42, \"metric\": \"temperature\", \"value\": 21.5, \"unit\": \"C\","
                + " \"time\": \"2026-11-26T08:59:30Z\", \"attributes\": {\"firmware\": \"1.2\"}}"));

    // then
    var record = readings.readRecord();
    assertThat(record.key()).isEqualTo("pump-7");
    TelemetryReading reading = record.value();
    assertThat(reading.getReadingId()).isEqualTo("pump-7/42");
    assertThat(reading.getMetric()).isEqualTo("temperature");
    assertThat(reading.getValue()).isEqualTo(21.5);
    assertThat(reading.getUnit()).isEqualTo("C");
    assertThat(reading.getEventTime()).isEqualTo(Instant.parse("2026-11-26T08:59:30Z"));
    assertThat(reading.getAttributes()).containsEntry("firmware", "1.2");
    assertThat(record.timestamp()).isEqualTo(Instant.parse("2026-11-26T08:59:30Z").toEpochMilli());
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterWhatIsNotAReadingWithTheReasonAndThePayload() {
    // when
    envelopes.pipeInput("pump-7", envelope("{\"id\": 1, \"metric\": \"temperature\""));
    envelopes.pipeInput(
        "pump-7", envelope("{\"id\": 2, \"metric\": \"temperature\", \"value\": \"hot\"}"));
    envelopes.pipeInput("pump-7", envelope("{\"metric\": \"temperature\", \"value\": 3}"));
    envelopes.pipeInput(null, envelope("{\"id\": 4, \"metric\": \"temperature\", \"value\": 4}"));
    envelopes.pipeInput(
        "pump-7", envelope("{\"id\": 5, \"metric\": \"t\", \"value\": 5, \"time\": \"noon\"}"));

    // then
    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters)
        .extracting(DeadLetter::getReason)
        .satisfiesExactly(
            reason -> assertThat(reason).startsWith("the payload is not JSON").contains("line 1"),
            reason ->
                assertThat(reason).isEqualTo("'value' must be a finite number, but is: \"hot\""),
            reason -> assertThat(reason).startsWith("'id' must be").endsWith("missing"),
            reason -> assertThat(reason).contains("no key"),
            reason -> assertThat(reason).startsWith("'time' must be"));
    assertThat(letters.get(1).getStage()).isEqualTo("telemetry");
    assertThat(letters.get(1).getOrigin()).isEqualTo("MQTT topic devices/pump-7/telemetry");
    assertThat(StandardCharsets.UTF_8.decode(letters.get(1).getPayload()).toString())
        .contains("\"hot\"");
    assertThat(readings.isEmpty()).isTrue();
  }

  @Test
  void shouldLetAReadingThroughOnceWithinTheWindowAndAgainAfterIt() {
    // given
    String first = "{\"id\": 7, \"metric\": \"rpm\", \"value\": 1200, \"time\": 1764147600000}";
    String later =
        "{\"id\": 7, \"metric\": \"rpm\", \"value\": 1200, \"time\": "
            + (1764147600000L + WINDOW.toMillis() * 3)
            + "}";

    // when: the same reading three times, another device's reading of the same id, then the id
    // again long after the window
    envelopes.pipeInput("pump-7", envelope(first));
    envelopes.pipeInput("pump-7", envelope(first));
    envelopes.pipeInput("pump-8", envelope(first));
    envelopes.pipeInput("pump-7", envelope(first));
    envelopes.pipeInput("pump-7", envelope(later));

    // then
    assertThat(readings.readKeyValuesToList())
        .extracting(kv -> kv.key + " " + kv.value.getEventTime().toEpochMilli())
        .containsExactly(
            "pump-7 1764147600000",
            "pump-8 1764147600000",
            "pump-7 " + (1764147600000L + 1_800_000));
  }

  @Test
  void shouldAggregateAMinuteOfReadingsOnceItClosesCountingLateOnesWithinTheGrace() {
    // given: three readings in the minute from 09:00, a late one within the grace, one too late
    reading("pump-7", 1, "temperature", 20, "09:00:10");
    reading("pump-7", 2, "temperature", 24, "09:00:50");
    reading("pump-7", 3, "rpm", 900, "09:00:30");
    reading("pump-7", 4, "temperature", 23, "09:01:20");
    reading("pump-7", 5, "temperature", 19, "09:00:40");

    // when: stream time passes the minute's end and its grace
    reading("pump-7", 6, "temperature", 21, "09:01:31");
    reading("pump-7", 7, "temperature", 30, "09:00:45");

    // then: the minute from 09:00 for temperature holds 20, 24, 19; the reading 7 came too late
    List<TelemetryAggregate> minutes =
        aggregates.readValuesToList().stream().filter(a -> a.getWindow().equals("1m")).toList();
    assertThat(minutes)
        .extracting(a -> a.getMetric() + " " + a.getWindowStart())
        .containsExactlyInAnyOrder("temperature " + time("09:00:00"), "rpm " + time("09:00:00"));
    TelemetryAggregate temperature =
        minutes.stream().filter(a -> a.getMetric().equals("temperature")).findFirst().orElseThrow();
    assertThat(temperature.getDeviceId()).isEqualTo("pump-7");
    assertThat(temperature.getWindowEnd()).isEqualTo(time("09:01:00"));
    assertThat(temperature.getCount()).isEqualTo(3);
    assertThat(temperature.getMin()).isEqualTo(19);
    assertThat(temperature.getMax()).isEqualTo(24);
    assertThat(temperature.getMean()).isEqualTo(21);
  }

  @Test
  void shouldEmitEveryFiveMinuteWindowThatHeldAReadingOnceEachCloses() {
    // given
    reading("pump-7", 1, "temperature", 10, "09:00:10");
    reading("pump-7", 2, "temperature", 20, "09:03:10");

    // when: stream time passes every window that holds them
    reading("pump-7", 3, "temperature", 0, "09:09:00");

    // then: the 5-minute windows from 08:56 to 09:03 each hold what they cover
    List<TelemetryAggregate> windows =
        aggregates.readValuesToList().stream().filter(a -> a.getWindow().equals("5m")).toList();
    assertThat(windows)
        .extracting(a -> a.getWindowStart() + " " + a.getCount() + " " + a.getMean())
        .containsExactlyInAnyOrder(
            time("08:56:00") + " 1 10.0",
            time("08:57:00") + " 1 10.0",
            time("08:58:00") + " 1 10.0",
            time("08:59:00") + " 2 15.0",
            time("09:00:00") + " 2 15.0",
            time("09:01:00") + " 1 20.0",
            time("09:02:00") + " 1 20.0",
            time("09:03:00") + " 1 20.0");
  }

  @Test
  void shouldCountAReadingTooLateForItsMinuteInTheFiveMinuteWindowsStillOpen() {
    // given: the minute from 09:00 and the 5-minute window to 09:01 close at 09:01:30
    reading("pump-7", 1, "temperature", 10, "09:00:10");
    reading("pump-7", 2, "temperature", 20, "09:01:40");

    // when: a reading of 09:00:20 comes after that, then stream time passes every window
    reading("pump-7", 3, "temperature", 30, "09:00:20");
    reading("pump-7", 4, "temperature", 0, "09:09:00");

    // then: it is left out of its minute and of the window from 08:56, and in those from 08:57
    List<TelemetryAggregate> all = aggregates.readValuesToList();
    assertThat(all.stream().filter(a -> a.getWindow().equals("1m")))
        .extracting(a -> a.getWindowStart() + " " + a.getCount() + " " + a.getMean())
        .containsExactly(time("09:00:00") + " 1 10.0", time("09:01:00") + " 1 20.0");
    assertThat(all.stream().filter(a -> a.getWindow().equals("5m")))
        .extracting(a -> a.getWindowStart() + " " + a.getCount() + " " + a.getMean())
        .containsExactlyInAnyOrder(
            time("08:56:00") + " 1 10.0",
            time("08:57:00") + " 3 20.0",
            time("08:58:00") + " 3 20.0",
            time("08:59:00") + " 3 20.0",
            time("09:00:00") + " 3 20.0",
            time("09:01:00") + " 1 20.0");
  }

  @Test
  void shouldEnrichReadingsFromTheRegistryAndAlertPastTheirDevicesLimits() {
    // given
    devices.pipeInput(
        "pump-7",
        DeviceRecord.newBuilder()
            .setDeviceId("pump-7")
            .setSite("plant-1")
            .setAttributes(Map.of("line", "A"))
            .setLimits(
                Map.of(
                    "temperature",
                    MetricLimits.newBuilder()
                        .setMin(0.0)
                        .setMax(80.0)
                        .setMaxChangePerMinute(10.0)
                        .build()))
            .build());

    // when
    reading("pump-7", 1, "temperature", 20, "09:00:00");
    reading("pump-7", 2, "temperature", 25, "09:01:00");
    reading("pump-7", 3, "temperature", 40, "09:01:30");
    reading("pump-7", 4, "temperature", 90, "09:02:00");
    reading("pump-8", 1, "temperature", 500, "09:02:00");

    // then: 5 per minute is within the limit, 30 per minute is not, 90 is above 80 (and a jump)
    assertThat(alerts.readValuesToList())
        .extracting(a -> a.getReadingId() + " " + a.getKind() + " " + a.getValue())
        .containsExactly(
            "pump-7/3 RATE_OF_CHANGE 30.0",
            "pump-7/4 ABOVE_MAX 90.0",
            "pump-7/4 RATE_OF_CHANGE 100.0");
    List<TelemetryReading> enriched = readings.readValuesToList();
    assertThat(enriched.get(0).getAttributes())
        .containsEntry("site", "plant-1")
        .containsEntry("line", "A");
    assertThat(enriched.get(4).getDeviceId()).isEqualTo("pump-8");
    assertThat(enriched.get(4).getAttributes()).as("pump-8 is not registered").isEmpty();
  }

  @Test
  void shouldNameEveryNodeStoreAndInternalTopicSoTheyStayStableAcrossDeploys() {
    // when
    String description = TelemetryTopology.build(topics, WINDOW, GRACE).describe().toString();

    // then: Kafka Streams' generated names (KSTREAM-MAPVALUES-0000000003...) shift when the
    // topology changes, and with them the stores, changelogs and repartition topics.
    assertThat(description)
        .doesNotContain("KSTREAM-")
        .doesNotContain("KTABLE-")
        .contains(
            "telemetry-deduplicate", "telemetry-windows", "telemetry-minutes", "telemetry-devices");
  }

  private void reading(String device, int id, String metric, double value, String at) {
    envelopes.pipeInput(
        device,
        envelope(
            "{\"id\": %d, \"metric\": \"%s\", \"value\": %s, \"time\": \"%s\"}"
                .formatted(id, metric, value, time(at))),
        time(at));
  }

  private static Instant time(String clock) {
    return Instant.parse("2026-11-26T" + clock + "Z");
  }

  private static MqttMessage envelope(String payload) {
    return MqttMessage.newBuilder()
        .setTopic("devices/pump-7/telemetry")
        .setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
        .setQos(1)
        .setReceivedAt(T0)
        .setBridgeId("bridge-1")
        .build();
  }
}
