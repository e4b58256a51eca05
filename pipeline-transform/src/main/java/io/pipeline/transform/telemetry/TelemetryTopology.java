package io.pipeline.transform.telemetry;

import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The telemetry topology, from the MQTT bridge's envelopes ({@value PipelineTopics#MQTT_MESSAGES})
 * to readings ({@value PipelineTopics#IOT_TELEMETRY}): each payload is read and validated ({@link
 * TelemetryPayloads}), one that is not a reading goes to {@value
 * PipelineTopics#TRANSFORM_DEAD_LETTERS} with the reason, and a reading seen before within the
 * deduplication window is dropped ({@link ReadingDeduplicator}); the readings are aggregated per
 * device and metric over event-time windows ({@link TelemetryWindows}). Every node and store is
 * named, so internal names stay stable across deploys.
 */
public final class TelemetryTopology {

  static final String SOURCE = "telemetry-envelopes";
  static final String PARSE = "telemetry-parse";
  static final String BRANCH = "telemetry-";
  static final String VALID = "valid";
  static final String INVALID = "invalid";
  static final String DEDUPLICATE = "telemetry-deduplicate";
  static final String SEEN_STORE = "telemetry-reading-ids";
  static final String READINGS_SINK = "telemetry-readings";
  static final String DEVICES_SOURCE = "telemetry-devices-source";
  static final String DEVICES_STORE = "telemetry-devices";
  static final String ENRICH = "telemetry-enrich";
  static final String ALERTS = "telemetry-alerts";
  static final String LATEST_STORE = "telemetry-latest-values";
  static final String ALERTS_SINK = "telemetry-alerts-sink";
  static final String DEAD_LETTER_SINK = "telemetry-dead-letters";

  /** The stage name dead letters carry. */
  public static final String STAGE = "telemetry";

  private TelemetryTopology() {}

  /**
   * The topology.
   *
   * @param topics the pipeline's topics
   * @param dedupWindow how long, around a reading's event time, its id is remembered
   * @param grace how late a reading may come and still count in its windows' aggregates
   */
  public static Topology build(PipelineTopics topics, Duration dedupWindow, Duration grace) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                SEEN_STORE, dedupWindow.multipliedBy(2), dedupWindow, false),
            Serdes.String(),
            Serdes.Long()));
    KStream<String, MqttMessage> envelopes =
        builder.stream(
            topics.mqttMessages().name(),
            Consumed.with(Serdes.String(), topics.mqttMessages().valueSerde()).withName(SOURCE));
    Map<String, KStream<String, Parsed>> branches =
        envelopes
            .mapValues(
                (device, message) -> new Parsed(message, TelemetryPayloads.parse(device, message)),
                Named.as(PARSE))
            .split(Named.as(BRANCH))
            .branch((device, parsed) -> parsed.isValid(), Branched.as(VALID))
            .defaultBranch(Branched.as(INVALID));
    GlobalKTable<String, DeviceRecord> devices =
        builder.globalTable(
            topics.iotDevices().name(),
            Consumed.with(Serdes.String(), topics.iotDevices().valueSerde())
                .withName(DEVICES_SOURCE),
            Materialized.<String, DeviceRecord, KeyValueStore<Bytes, byte[]>>as(DEVICES_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.iotDevices().valueSerde()));
    KStream<String, Registered> registered =
        branches
            .get(BRANCH + VALID)
            .mapValues(Parsed::reading, Named.as("telemetry-reading"))
            .processValues(
                () -> new ReadingDeduplicator(SEEN_STORE, dedupWindow),
                Named.as(DEDUPLICATE),
                SEEN_STORE)
            .leftJoin(
                devices,
                (device, reading) -> device,
                (reading, device) -> new Registered(DeviceAlerts.enriched(reading, device), device),
                Named.as(ENRICH));
    KStream<String, TelemetryReading> readings =
        registered.mapValues(Registered::reading, Named.as("telemetry-enriched"));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LATEST_STORE), Serdes.String(), Serdes.String())
            // A device's metric changes with each reading: between commits only the latest
            // goes to the changelog.
            .withCachingEnabled());
    registered
        .processValues(() -> new DeviceAlerts(LATEST_STORE), Named.as(ALERTS), LATEST_STORE)
        .to(
            topics.iotAlerts().name(),
            Produced.with(Serdes.String(), topics.iotAlerts().valueSerde()).withName(ALERTS_SINK));
    readings.to(
        topics.iotTelemetry().name(),
        Produced.with(Serdes.String(), topics.iotTelemetry().valueSerde()).withName(READINGS_SINK));
    TelemetryWindows.aggregate(builder, readings, topics, grace);
    branches
        .get(BRANCH + INVALID)
        .mapValues(Parsed::deadLetter, Named.as("telemetry-dead-letter"))
        .to(
            topics.transformDeadLetters().name(),
            Produced.with(Serdes.String(), topics.transformDeadLetters().valueSerde())
                .withName(DEAD_LETTER_SINK));
    return builder.build();
  }

  /** A reading with its device's registry entry, if it has one. */
  record Registered(TelemetryReading reading, DeviceRecord device) {}

  /** An envelope with what reading it gave. */
  private record Parsed(MqttMessage message, TelemetryPayloads.Parsed outcome) {

    boolean isValid() {
      return outcome instanceof TelemetryPayloads.Valid;
    }

    TelemetryReading reading() {
      return ((TelemetryPayloads.Valid) outcome).reading();
    }

    DeadLetter deadLetter() {
      return DeadLetter.newBuilder()
          .setStage(STAGE)
          .setOrigin("MQTT topic " + message.getTopic())
          .setReason(((TelemetryPayloads.Invalid) outcome).reason())
          .setPayload(ByteBuffer.wrap(TelemetryPayloads.payload(message)))
          .setAttributes(Map.of("mqttTopic", message.getTopic(), "bridgeId", message.getBridgeId()))
          .setFailedAt(message.getReceivedAt())
          .build();
    }
  }
}
