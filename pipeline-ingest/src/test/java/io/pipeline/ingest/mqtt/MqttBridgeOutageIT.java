package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.EmbeddedKafkaBroker;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka broker goes away while devices publish: once it is back, every message is in Kafka. */
@ExtendWith(LocalStackExtension.class)
class MqttBridgeOutageIT {

  private static final int MESSAGES = 600;

  @TempDir Path kafkaData;

  @Test
  void shouldLoseNothingWhenKafkaIsDownWhileDevicesPublish(LocalStack stack) throws Exception {
    MqttEndpoint broker = stack.mqtt();
    String root = LocalStack.uniqueName("outage");
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.launch(kafkaData, 0, Map.of())) {
      String bootstrap = kafka.bootstrapServers();
      PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
      PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
      MqttBridgeConfig config =
          new MqttBridgeConfig(
              Optional.of(broker.uri()),
              List.of(root + "/+/telemetry"),
              1,
              LocalStack.uniqueName("group"),
              LocalStack.uniqueName("bridge"),
              65535);
      Mqtt5BlockingClient device = MqttTraffic.device(broker);

      try (MqttBridge bridge =
          new MqttBridge(config, KafkaSettings.of(bootstrap), topics, Clock.systemUTC())) {
        bridge.start();
        MqttTraffic.publish(device, root, 3, 0, MESSAGES / 3);
        kafka.stop();
        MqttTraffic.publish(device, root, 3, MESSAGES / 3, 2 * MESSAGES / 3);
        Thread.sleep(5_000);
        kafka.start();
        MqttTraffic.publish(device, root, 3, 2 * MESSAGES / 3, MESSAGES);

        Set<Integer> received =
            MqttTraffic.numbers(
                MqttTraffic.received(bootstrap, topics.mqttMessages(), root, MESSAGES));

        assertThat(received).hasSize(MESSAGES);
      } finally {
        device.disconnect();
      }
    }
  }
}
