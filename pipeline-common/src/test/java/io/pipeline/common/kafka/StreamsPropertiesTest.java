package io.pipeline.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

  @Test
  void shouldEnableTheGlobalProcessingHandlerWhereThePartitionAssignorReadsIt() {
    // given
    StreamsConfig config =
        new StreamsConfig(
            StreamsProperties.of(
                KafkaSettings.of("localhost:9092"),
                "app",
                StreamsConfig.AT_LEAST_ONCE,
                Optional.empty(),
                Optional.empty(),
                Map.of()));

    // when
    Map<String, Object> assignorSees = config.getMainConsumerConfigs("app", "app-client", 0);

    // then: Kafka Streams builds its assignor's settings from these, and warns when it is off
    assertThat(config.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG))
        .isTrue();
    assertThat(assignorSees)
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
  }
}
