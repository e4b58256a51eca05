package io.pipeline.transform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application with static membership restarted at once with a store more in its topology: the
 * instance is still a member of its group, so without leaving it first it would get its old
 * assignment, and the new store's changelog topic would never be created.
 */
@ExtendWith(LocalStackExtension.class)
class StaticMembershipIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path state;

  /** Counts each key's records in every store it is given, and sends the count on. */
  private static Topology counting(String source, String sink, List<String> stores) {
    Topology topology = new Topology();
    topology.addSource(
        "source", Serdes.String().deserializer(), Serdes.String().deserializer(), source);
    topology.addProcessor(
        "count",
        () ->
            new Processor<String, String, String, String>() {
              private ProcessorContext<String, String> context;

              @Override
              public void init(ProcessorContext<String, String> context) {
                this.context = context;
              }

              @Override
              public void process(Record<String, String> record) {
                long count = 0;
                for (String name : stores) {
                  KeyValueStore<String, Long> store = context.getStateStore(name);
                  count = Optional.ofNullable(store.get(record.key())).orElse(0L) + 1;
                  store.put(record.key(), count);
                }
                context.forward(record.withValue(stores.size() + " stores, count " + count));
              }
            },
        "source");
    for (String name : stores) {
      topology.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long()),
          "count");
    }
    topology.addSink(
        "sink", sink, Serdes.String().serializer(), Serdes.String().serializer(), "count");
    return topology;
  }

  private StreamsApp app(String bootstrap, String applicationId, Topology topology) {
    return new StreamsApp(
        KafkaSettings.of(bootstrap),
        applicationId,
        ProcessingGuarantee.EXACTLY_ONCE_V2,
        new StreamsApp.Placement(Optional.of(state.toString()), Optional.of("instance-1")),
        applicationId + ".dead-letters",
        "test",
        topology,
        new SimpleMeterRegistry());
  }

  @Test
  void shouldStartWithANewStoreRightAfterTheOldTopologyStopped(LocalStack stack) throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    String source = LocalStack.uniqueName("counted");
    String sink = source + ".counts";
    String applicationId = LocalStack.uniqueName("static-app");
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              Set.of(new NewTopic(source, 2, (short) 1), new NewTopic(sink, 2, (short) 1)))
          .all()
          .get();
    }
    try (StreamsApp before = app(bootstrap, applicationId, counting(source, sink, List.of("a")))) {
      before.start();
      await().atMost(TIMEOUT).until(() -> before.state() == KafkaStreams.State.RUNNING);
      produce(bootstrap, source, "k");
      TopicReader.awaitMatching(
          bootstrap, sink, r -> value(r).equals("1 stores, count 1"), 1, TIMEOUT, Duration.ZERO);
    }

    try (StreamsApp after =
        app(bootstrap, applicationId, counting(source, sink, List.of("a", "b")))) {
      after.start();
      produce(bootstrap, source, "k");

      assertThat(
              TopicReader.awaitMatching(
                  bootstrap,
                  sink,
                  r -> value(r).equals("2 stores, count 1"),
                  1,
                  TIMEOUT,
                  Duration.ZERO))
          .as("the record counted in the old store and in the new one")
          .hasSize(1);
      assertThat(after.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private static String value(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static void produce(String bootstrap, String topic, String key) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, "x")).get();
    }
  }
}
