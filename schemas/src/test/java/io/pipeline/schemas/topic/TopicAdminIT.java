package io.pipeline.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class TopicAdminIT {

  @Test
  void shouldCreateMissingTopicsWithTheirSpecsAndLeaveExistingOnes(LocalStack stack)
      throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    Topic<String, String> compacted = topic(LocalStack.uniqueName("state"), TopicSpec.compacted(2));
    Topic<String, String> retained = topic(LocalStack.uniqueName("events"), TopicSpec.retained(3));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicAdmin topics = new TopicAdmin(admin);

      topics.ensure(List.of(compacted), Optional.empty());
      topics.ensure(List.of(compacted, retained), Optional.empty());

      Config config =
          admin
              .describeConfigs(
                  List.of(new ConfigResource(ConfigResource.Type.TOPIC, compacted.name())))
              .all()
              .get()
              .values()
              .iterator()
              .next();
      assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");

      produce(bootstrap, retained.name(), 5);
      List<TopicAdmin.TopicSummary> summaries = topics.describeAll();
      assertThat(summaries)
          .contains(
              new TopicAdmin.TopicSummary(compacted.name(), 2, 0),
              new TopicAdmin.TopicSummary(retained.name(), 3, 5));
    }
  }

  private static Topic<String, String> topic(String name, TopicSpec spec) {
    return new Topic<>(name, Serdes.String(), Serdes.String(), Optional.empty(), spec);
  }

  private static void produce(String bootstrap, String topic, int count) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
      }
    }
  }
}
