package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.mqtt.MosquittoBroker;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT broker restarts while the bridge has messages on their way to Kafka: the bridge abandons
 * them, the broker delivers them again on the next connection, and every message after them is
 * acknowledged and copied too.
 */
@ExtendWith(LocalStackExtension.class)
class MqttBridgeReconnectIT {

  private static final int DEVICES = 10;
  private static final int BEFORE_RESTART = 5_000;
  private static final int AFTER_RESTART = 2_000;

  @TempDir Path dir;

  @Test
  void shouldCopyEveryMessageAfterItsBrokerRestartedWithMessagesInFlight(LocalStack stack)
      throws Exception {
    // given: a bridge that takes 10 messages at a time, so that it is still busy when the
    // broker stops
    String bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    SchemaCatalog catalog = SchemaCatalog.builtIn();
    PipelineTopics topics = new PipelineTopics(catalog);
    Path mosquitto = MosquittoBroker.findExecutable().orElseThrow();
    MosquittoBroker first = MosquittoBroker.start(mosquitto, dir.resolve("mqtt"), 0);
    int port = first.endpoint().port();
    String root = LocalStack.uniqueName("hall");

    try (MqttBridge bridge =
        new MqttBridge(
            MqttTraffic.telemetryConfig(first.endpoint(), root, 10),
            KafkaSettings.of(bootstrap),
            topics,
            catalog,
            new IngestMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC())) {
      bridge.start();
      await().atMost(Duration.ofSeconds(30)).until(bridge::isConnected);

      // when: the broker takes a burst, stops (saving its sessions) while the bridge works
      // through it, and starts again
      MqttTraffic.publishAtOnce(first.endpoint(), root, DEVICES, 0, BEFORE_RESTART);
      assertThat(bridge.inFlight()).isPositive();
      first.close();
      try (MosquittoBroker second = MosquittoBroker.start(mosquitto, dir.resolve("mqtt"), port)) {
        await().atMost(Duration.ofSeconds(30)).until(bridge::isConnected);
        MqttTraffic.publishAtOnce(second.endpoint(), root, DEVICES, 100_000, AFTER_RESTART);

        // then
        Set<Integer> copied =
            MqttTraffic.numbers(
                MqttTraffic.received(
                    bootstrap, topics.mqttMessages(), root, BEFORE_RESTART + AFTER_RESTART));
        assertThat(copied)
            .containsAll(IntStream.range(0, BEFORE_RESTART).boxed().toList())
            .containsAll(IntStream.range(100_000, 100_000 + AFTER_RESTART).boxed().toList());
      }
    }
  }
}
