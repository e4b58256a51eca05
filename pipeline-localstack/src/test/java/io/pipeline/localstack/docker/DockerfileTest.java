package io.pipeline.localstack.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileTest {

  @Test
  void shouldFindMainClassOfLastStageWhenEntrypointIsExecForm() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(
            List.of(
                "FROM a AS build",
                "ENTRYPOINT [\"mvn\"]",
                "FROM b",
                "# a comment",
                "ENTRYPOINT [\"java\", \"-cp\", \"/app/a.jar:/app/lib/*\", \\",
                "            \"-Xss1m\", \"io.example.Main\"]"));

    // when
    var mainClass = dockerfile.mainClass();

    // then
    assertThat(mainClass).contains("io.example.Main");
  }

  @Test
  void shouldFindNoMainClassWhenEntrypointRunsJar() {
    // given
    Dockerfile dockerfile = Dockerfile.parse(List.of("FROM b", "ENTRYPOINT java -jar /app.jar"));

    // when
    var mainClass = dockerfile.mainClass();

    // then
    assertThat(mainClass).isEmpty();
    assertThat(dockerfile.entrypoint()).contains(List.of("java", "-jar", "/app.jar"));
  }

  @Test
  void shouldListExposedPortsWhenSeveralExposeInstructions() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(List.of("FROM b", "EXPOSE 8081", "expose 8083/tcp 9000"));

    // when
    var ports = dockerfile.exposedPorts();

    // then
    assertThat(ports).containsExactly(8081, 8083, 9000);
  }
}
