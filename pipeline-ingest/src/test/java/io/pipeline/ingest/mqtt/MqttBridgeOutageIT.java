package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.EmbeddedKafkaBroker;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker goes away for 30 s while devices publish 1,000 messages a second: once it is
 * back, every message is in Kafka. Duplicates (messages the bridge had sent but not yet seen
 * acknowledged) are allowed, counted and reported.
 */
@ExtendWith(LocalStackExtension.class)
class MqttBridgeOutageIT {

  private static final int RATE = 1_000;
  private static final int BEFORE_SECONDS = 5;
  private static final int OUTAGE_SECONDS = 30;
  private static final int AFTER_SECONDS = 5;
  private static final int DEVICES = 10;

  @TempDir Path kafkaData;

  @Test
  void shouldLoseNothingWhenKafkaIsDownForThirtySecondsUnderLoad(LocalStack stack) {
    MqttEndpoint broker = stack.mqtt();
    String root = LocalStack.uniqueName("outage");
    int outageStart = RATE * BEFORE_SECONDS;
    int outageEnd = outageStart + RATE * OUTAGE_SECONDS;
    int total = outageEnd + RATE * AFTER_SECONDS;
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.launch(kafkaData, 0, Map.of())) {
      String bootstrap = kafka.bootstrapServers();
      KafkaSettings settings = KafkaSettings.of(bootstrap);
      PipelineKafka.prepare(settings, Settings.of(Map.of())).close();
      SchemaCatalog catalog = SchemaCatalog.builtIn();
      PipelineTopics topics = new PipelineTopics(catalog);
      Mqtt5BlockingClient device = MqttTraffic.device(broker);

      try (MqttBridge bridge =
          new MqttBridge(
              MqttTraffic.telemetryConfig(broker, root),
              settings,
              topics,
              catalog,
              new IngestMetrics(new SimpleMeterRegistry()),
              Clock.systemUTC())) {
        bridge.start();
        MqttTraffic.publishPaced(device, root, DEVICES, 0, outageStart, RATE);
        kafka.stop();
        MqttTraffic.publishPaced(device, root, DEVICES, outageStart, outageEnd, RATE);
        kafka.start();
        MqttTraffic.publishPaced(device, root, DEVICES, outageEnd, total, RATE);

        List<MqttMessage> received =
            MqttTraffic.received(bootstrap, topics.mqttMessages(), root, total);
        Set<Integer> distinct = MqttTraffic.numbers(received);
        System.out.printf(
            "Kafka outage of %d s at %d msg/s: %d messages published, %d distinct in Kafka,"
                + " %d duplicates%n",
            OUTAGE_SECONDS, RATE, total, distinct.size(), received.size() - distinct.size());

        assertThat(distinct).hasSize(total);
      } finally {
        device.disconnect();
      }
    }
  }
}
