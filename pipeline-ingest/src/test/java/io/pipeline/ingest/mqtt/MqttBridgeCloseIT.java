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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge closed while its broker is down (Ctrl-C reaches Mosquitto first) stops trying to
 * connect: it does not come back when the broker does.
 */
@ExtendWith(LocalStackExtension.class)
class MqttBridgeCloseIT {

  @TempDir Path dir;

  @Test
  void shouldStayDisconnectedWhenClosedWhileItsBrokerWasDown(LocalStack stack) throws Exception {
    // given
    String bootstrap = stack.kafka().bootstrapServers();
    PipelineKafka.prepare(KafkaSettings.of(bootstrap), Settings.of(Map.of())).close();
    SchemaCatalog catalog = SchemaCatalog.builtIn();
    Path mosquitto = MosquittoBroker.findExecutable().orElseThrow();
    MosquittoBroker first = MosquittoBroker.start(mosquitto, dir.resolve("mqtt"), 0);
    int port = first.endpoint().port();
    MqttBridge bridge =
        new MqttBridge(
            MqttTraffic.telemetryConfig(first.endpoint(), LocalStack.uniqueName("site")),
            KafkaSettings.of(bootstrap),
            new PipelineTopics(catalog),
            catalog,
            new IngestMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC());
    bridge.start();
    await().atMost(Duration.ofSeconds(30)).until(bridge::isConnected);
    first.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> !bridge.isConnected());

    // when
    bridge.close();
    // A reconnection attempt fails while the broker is down, and the bridge gives up.
    Thread.sleep(4_000);

    // then
    try (MosquittoBroker second = MosquittoBroker.start(mosquitto, dir.resolve("mqtt"), port)) {
      assertThat(second.endpoint().port()).isEqualTo(port);
      await()
          .during(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(8))
          .until(() -> !bridge.isConnected());
    }
  }
}
