package io.pipeline.localstack.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class MosquittoBrokerIT {

  @Test
  void shouldDeliverQos1MessagesThroughTheStacksBroker(LocalStack stack) throws Exception {
    MqttEndpoint broker = stack.mqtt();
    String topic = LocalStack.uniqueName("devices") + "/sensor-1/telemetry";
    Mqtt5BlockingClient subscriber = client(broker, "sub");
    Mqtt5BlockingClient publisher = client(broker, "pub");
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        subscriber.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
      subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

      publisher
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload("21.5".getBytes(StandardCharsets.UTF_8))
          .send();

      Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
      assertThat(received).isPresent();
      assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
          .isEqualTo("21.5");
      assertThat(received.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    } finally {
      subscriber.disconnect();
      publisher.disconnect();
    }
  }

  private static Mqtt5BlockingClient client(MqttEndpoint broker, String role) {
    Mqtt5BlockingClient client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(LocalStack.uniqueName(role))
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    client.connect();
    return client;
  }
}
