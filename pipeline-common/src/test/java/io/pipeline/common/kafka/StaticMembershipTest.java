package io.pipeline.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticMembershipTest {

  /** A topology whose sink picks its topic with a lambda, as the runtime's do. */
  private static Topology topology(List<String> stores) {
    Topology topology = new Topology();
    topology.addSource(
        "source", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
    topology.addProcessor(
        "work",
        () ->
            new Processor<String, String, String, String>() {
              @Override
              public void process(Record<String, String> record) {}
            },
        "source");
    for (String store : stores) {
      topology.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Long()),
          "work");
    }
    String prefix = "out-";
    topology.addSink(
        "sink",
        (key, value, context) -> prefix + key,
        Serdes.String().serializer(),
        Serdes.String().serializer(),
        "work");
    return topology;
  }

  @Test
  void shouldGiveTheSameFingerprintWhenTheSameTopologyIsBuiltAgain() {
    assertThat(topology(List.of("a")).describe().toString())
        .as("the description itself names the extractor by its identity")
        .isNotEqualTo(topology(List.of("a")).describe().toString());

    assertThat(StaticMembership.fingerprint(topology(List.of("a")).describe()))
        .isEqualTo(StaticMembership.fingerprint(topology(List.of("a")).describe()));
  }

  @Test
  void shouldGiveAnotherFingerprintWhenTheTopologyHasAnotherStore() {
    assertThat(StaticMembership.fingerprint(topology(List.of("a", "b")).describe()))
        .isNotEqualTo(StaticMembership.fingerprint(topology(List.of("a")).describe()));
  }

  @Test
  void shouldPickEachStreamThreadOfThisInstanceWhenTheGroupHasOthersToo() {
    assertThat(
            StaticMembership.ownMembers(
                "pipeline-up",
                List.of(
                    "pipeline-up-2",
                    "pipeline-up-other-1",
                    "pipeline-up-1",
                    "pipeline-upgrade-1",
                    "pipeline-up-12",
                    "pipeline-up-")))
        .containsExactly("pipeline-up-1", "pipeline-up-12", "pipeline-up-2");
  }

  @Test
  void shouldTakeTheInstanceIdLiterallyWhenItHasPatternCharacters() {
    assertThat(StaticMembership.ownMembers("a.b", List.of("axb-1", "a.b-1")))
        .containsExactly("a.b-1");
  }

  @Test
  void shouldLetTheApplicationStartAndTryAgainNextTimeWhenTheBrokerCannotBeReached(
      @TempDir Path state) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "unreached");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    properties.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "instance");

    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> StaticMembership.prepare(topology(List.of("a")), properties, Duration.ofSeconds(2)));

    assertThat(state.resolve("unreached.topology"))
        .as("not recorded: the next start asks again")
        .doesNotExist();
  }
}
