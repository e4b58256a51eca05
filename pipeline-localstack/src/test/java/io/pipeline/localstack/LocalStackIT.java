package io.pipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalStackIT {

  @Test
  void shouldDeleteItsDataWhenItCloses() throws Exception {
    // given a stack whose Kafka broker wrote its logs
    Path data;
    long files;
    try (LocalStack stack = LocalStack.fromEnvironment()) {
      stack.kafka();
      data = stack.dataDir();
      try (Stream<Path> written = Files.walk(data)) {
        files = written.filter(Files::isRegularFile).count();
      }

      // when it closes
    }

    // then
    assertThat(files).as("files the broker wrote").isPositive();
    assertThat(data).doesNotExist();
  }
}
