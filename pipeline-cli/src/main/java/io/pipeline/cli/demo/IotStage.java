package io.pipeline.cli.demo;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.MetricLimits;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * IoT streaming: simulated devices, registered in the device registry with their limits, publish
 * temperature readings over MQTT; the bridge brings them into Kafka and the telemetry topology
 * turns them into readings, aggregates and alerts. Each device also sends one reading twice (its
 * duplicate is dropped) and one payload that is not a reading (it goes to the dead letters), and
 * four readings are beyond their device's limit: the alerts that start the incident workflow.
 */
public final class IotStage {

  /** The metric the devices report. */
  static final String METRIC = "temperature";

  /** Rounds of readings sent after the others, to close their windows. */
  static final int TICKS = 2;

  /** The highest temperature before a device alerts. */
  static final double MAX = 80;

  /**
   * The devices and the one reading each sends beyond the limit: a little (a low-severity incident)
   * to far (critical).
   */
  static final Map<String, Double> DEVICES =
      Map.of("press-1", 84.0, "press-2", 110.0, "oven-1", 135.0, "oven-2", 150.0);

  /**
   * What the stage sent and what should come out of it.
   *
   * @param published messages published over MQTT
   * @param readings distinct readings, each of which must reach {@value
   *     PipelineTopics#IOT_TELEMETRY}
   * @param duplicates readings sent a second time, which must not
   * @param invalid payloads that are not readings, which go to the dead letters
   * @param alerts readings beyond a limit
   */
  public record Sent(int published, int readings, int duplicates, int invalid, int alerts) {}

  private final DemoContext context;
  private final String run;
  private final int readingsPerDevice;

  /**
   * @param context the stack
   * @param run an id of this run, in every reading's id, so a second run's readings are new
   * @param readingsPerDevice readings within the limits each device sends
   */
  public IotStage(DemoContext context, String run, int readingsPerDevice) {
    this.context = context;
    this.run = run;
    this.readingsPerDevice = readingsPerDevice;
  }

  /** Registers the devices and publishes their readings. */
  public Sent publish() {
    URI mqtt =
        context
            .mqtt()
            .orElseThrow(
                () ->
                    new DemoException(
                        "no MQTT broker runs: install Mosquitto (apt-get install mosquitto) or set"
                            + " MQTT_URL"));
    Mqtt5BlockingClient client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("pipeline-demo-devices-" + run)
            .serverHost(mqtt.getHost())
            .serverPort(mqtt.getPort())
            .buildBlocking();
    client.connect();
    int published = 0;
    // Event times over the last few minutes, so that 1-minute windows close and are emitted.
    Instant start = Instant.now().minus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.SECONDS);
    long spacing = Duration.ofMinutes(4).toMillis() / readingsPerDevice;
    try {
      for (Map.Entry<String, Double> device : DEVICES.entrySet()) {
        String name = device.getKey();
        for (int i = 0; i < readingsPerDevice; i++) {
          double value = 20 + (i % 10) + name.length() % 3;
          send(client, name, reading(i, value, start.plusMillis(i * spacing)));
          published++;
        }
        send(client, name, reading(0, 20 + name.length() % 3, start));
        send(client, name, "{\"id\": \"broken-" + run + "\", \"metric\": \"" + METRIC + "\"");
        send(client, name, reading(readingsPerDevice, device.getValue(), Instant.now()));
        published += 3;
      }
      // Windows are checked for closing as readings arrive, at most once a second: two more
      // rounds of readings, a little apart, close the windows the burst above filled.
      for (int tick = 1; tick <= TICKS; tick++) {
        pause(Duration.ofMillis(1500));
        for (String name : DEVICES.keySet()) {
          send(client, name, reading(readingsPerDevice + tick, 21, Instant.now()));
          published++;
        }
      }
    } finally {
      client.disconnect();
    }
    return new Sent(
        published,
        DEVICES.size() * (readingsPerDevice + 1 + TICKS),
        DEVICES.size(),
        DEVICES.size(),
        DEVICES.size());
  }

  private String reading(int id, double value, Instant time) {
    return "{\"id\": \"%s-%d\", \"metric\": \"%s\", \"value\": %s, \"unit\": \"C\", \"time\": \"%s\"}"
        .formatted(run, id, METRIC, value, time);
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while the devices published");
    }
  }

  private static void send(Mqtt5BlockingClient client, String device, String payload) {
    client
        .publishWith()
        .topic("devices/" + device + "/telemetry")
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  /**
   * Registers the devices with their limits; before any reading is sent, so that the telemetry
   * topology's copy of the registry has them when their readings come.
   */
  public String register() {
    Topic<String, DeviceRecord> registry = new PipelineTopics(SchemaCatalog.builtIn()).iotDevices();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            context
                .kafka()
                .clientConfig(
                    Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true)),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (String device : DEVICES.keySet()) {
        DeviceRecord record =
            DeviceRecord.newBuilder()
                .setDeviceId(device)
                .setSite(device.startsWith("oven") ? "bakery-line-2" : "stamping-hall")
                .setAttributes(Map.of("model", device.startsWith("oven") ? "TX-9" : "P-400"))
                .setLimits(
                    Map.of(METRIC, MetricLimits.newBuilder().setMin(0.0).setMax(MAX).build()))
                .build();
        producer
            .send(
                new ProducerRecord<>(
                    registry.name(),
                    device,
                    registry.valueSerde().serializer().serialize(registry.name(), record)))
            .get();
      }
      return DEVICES.size() + " devices";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while registering the devices");
    } catch (ExecutionException e) {
      throw new DemoException("Kafka did not take the device registry: " + e.getCause());
    }
  }

  /** The devices, for the summary. */
  static List<String> devices() {
    return List.copyOf(DEVICES.keySet());
  }
}
