package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.IngestMain;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge killed with SIGKILL while devices publish loses nothing: its session brings the rest.
 */
@ExtendWith(LocalStackExtension.class)
class MqttBridgeCrashIT {

  private static final int MESSAGES = 4_000;
  private static final int RATE = 1_000;

  @TempDir Path dir;

  @Test
  void shouldLoseNothingWhenBridgeIsKilledUnderLoad(LocalStack stack) throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    Topic<String, MqttMessage> topic = new PipelineTopics(SchemaCatalog.builtIn()).mqttMessages();
    MqttEndpoint broker = stack.mqtt();
    String root = LocalStack.uniqueName("crash");
    Map<String, String> env =
        new HashMap<>(MqttTraffic.env(broker, MqttTraffic.telemetryMapping(root)));
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    Mqtt5BlockingClient device = MqttTraffic.device(broker);
    try {
      CompletableFuture<Void> publishing;
      try (ChildJvm first =
          ChildJvm.start(IngestMain.class, List.of(), env, dir.resolve("first.log"))) {
        assertThat(first.awaitOutput("MQTT bridge", Duration.ofSeconds(60)))
            .as(first.output())
            .isTrue();
        publishing =
            CompletableFuture.runAsync(
                () -> MqttTraffic.publishPaced(device, root, 10, 0, MESSAGES, RATE));
        // Killed in the middle of the flow: some messages in Kafka, more on their way.
        TopicReader.awaitMatching(
            bootstrap,
            topic.name(),
            r -> MqttTraffic.decode(topic, r.value()).getTopic().startsWith(root + "/"),
            MESSAGES / 4,
            Duration.ofSeconds(60),
            Duration.ZERO);
        assertThat(first.kill()).isEqualTo(137);
      }
      try (ChildJvm second =
          ChildJvm.start(IngestMain.class, List.of(), env, dir.resolve("second.log"))) {
        publishing.join();
        Set<Integer> received =
            MqttTraffic.numbers(MqttTraffic.received(bootstrap, topic, root, MESSAGES));

        assertThat(received).as(second.output()).hasSize(MESSAGES);
      }
    } finally {
      device.disconnect();
    }
  }
}
