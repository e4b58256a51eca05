package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.IngestMain;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge killed with SIGKILL while devices publish loses nothing: its session brings the rest.
 */
@ExtendWith(LocalStackExtension.class)
class MqttBridgeCrashIT {

  private static final int MESSAGES = 2_000;

  @TempDir Path dir;

  @Test
  void shouldLoseNothingWhenBridgeIsKilledUnderLoad(LocalStack stack) throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    Topic<String, MqttMessage> topic = new PipelineTopics(SchemaCatalog.builtIn()).mqttMessages();
    MqttEndpoint broker = stack.mqtt();
    String root = LocalStack.uniqueName("crash");
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
            "MQTT_URL", broker.uri().toString(),
            "MQTT_BRIDGE_FILTERS", root + "/+/telemetry",
            "MQTT_BRIDGE_GROUP", LocalStack.uniqueName("group"),
            "MQTT_BRIDGE_CLIENT_ID", LocalStack.uniqueName("bridge"));
    Mqtt5BlockingClient device = MqttTraffic.device(broker);
    try {
      try (ChildJvm first =
          ChildJvm.start(IngestMain.class, List.of(), env, dir.resolve("first.log"))) {
        assertThat(first.awaitOutput("MQTT bridge", Duration.ofSeconds(60)))
            .as(first.output())
            .isTrue();
        MqttTraffic.publish(device, root, 10, 0, MESSAGES / 2);
        assertThat(first.kill()).isEqualTo(137);
      }
      MqttTraffic.publish(device, root, 10, MESSAGES / 2, MESSAGES);
      try (ChildJvm second =
          ChildJvm.start(IngestMain.class, List.of(), env, dir.resolve("second.log"))) {
        Set<Integer> received =
            MqttTraffic.numbers(MqttTraffic.received(bootstrap, topic, root, MESSAGES));

        assertThat(received).as(second.output()).hasSize(MESSAGES);
      }
    } finally {
      device.disconnect();
    }
  }
}
