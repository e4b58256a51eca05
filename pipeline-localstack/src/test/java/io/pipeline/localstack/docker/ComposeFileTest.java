package io.pipeline.localstack.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

  private static final Path DIR = Path.of("docker");

  @Test
  void shouldReadEnvironmentWhenGivenAsList() {
    // given
    ComposeFile compose =
        ComposeFile.parse(
            DIR, "services:\n  s:\n    environment:\n      - A=1\n      - B=x=y\n      - C\n");

    // when
    var environment = compose.service("s").orElseThrow().environment();

    // then
    assertThat(environment)
        .containsEntry("A", "1")
        .containsEntry("B", "x=y")
        .containsEntry("C", null)
        .hasSize(3);
  }

  @Test
  void shouldReadEnvironmentWhenGivenAsMap() {
    // given
    ComposeFile compose =
        ComposeFile.parse(
            DIR, "services:\n  s:\n    environment:\n      A: 1\n      B: \"x\"\n      C:\n");

    // when
    var environment = compose.service("s").orElseThrow().environment();

    // then
    assertThat(environment)
        .containsEntry("A", "1")
        .containsEntry("B", "x")
        .containsEntry("C", null)
        .hasSize(3);
  }

  @Test
  void shouldTellBindMountsFromNamedVolumesWhenGivenInEitherSyntax() {
    // given
    ComposeFile compose =
        ComposeFile.parse(
            DIR,
            """
            services:
              s:
                volumes:
                  - ./conf/app.conf:/etc/app.conf:ro
                  - data:/var/lib/app
                  - type: volume
                    source: cache
                    target: /var/cache/app
            volumes:
              data:
              cache:
            """);

    // when
    ComposeService service = compose.service("s").orElseThrow();

    // then
    assertThat(service.mountedFile("/etc/app.conf")).contains(Path.of("docker/conf/app.conf"));
    assertThat(service.namedVolumeAt("/etc/app.conf")).isEmpty();
    assertThat(service.namedVolumeAt("/var/lib/app")).contains("data");
    assertThat(service.namedVolumeAt("/var/cache/app")).contains("cache");
    assertThat(service.mountedFile("/var/lib/app")).isEmpty();
    assertThat(compose.volumes()).containsExactly("cache", "data");
  }

  @Test
  void shouldReadContainerPortsWhenPublishedInEitherSyntax() {
    // given
    ComposeFile compose =
        ComposeFile.parse(
            DIR,
            """
            services:
              s:
                ports:
                  - "127.0.0.1:8083:8083"
                  - "9000:9001/tcp"
                  - target: 7000
                    published: 7001
            """);

    // when
    var ports = compose.service("s").orElseThrow().publishedContainerPorts();

    // then
    assertThat(ports).containsExactly(8083, 9001, 7000);
  }

  @Test
  void shouldFindDockerfileRelativeToComposeFileWhenServiceIsBuilt() {
    // given
    ComposeFile compose =
        ComposeFile.parse(
            DIR,
            "services:\n  s:\n    build:\n      context: ..\n      dockerfile: docker/s/Dockerfile\n"
                + "  t:\n    build: t\n  u:\n    image: u\n");

    // when
    ImageBuild s = compose.service("s").orElseThrow().build().orElseThrow();

    // then
    assertThat(s.context()).isEqualTo(Path.of(""));
    assertThat(s.dockerfilePath()).isEqualTo(Path.of("docker/s/Dockerfile"));
    assertThat(s.args()).isEmpty();
    assertThat(compose.service("t").orElseThrow().build().map(ImageBuild::dockerfilePath))
        .contains(Path.of("docker/t/Dockerfile"));
    assertThat(compose.service("u").orElseThrow().build()).isEmpty();
    assertThat(compose.service("v")).isEmpty();
  }

  @Test
  void shouldReadBuildArgsWhenGivenAsMapOrList() {
    // given
    ComposeFile compose =
        ComposeFile.parse(
            DIR,
            """
            services:
              s:
                build:
                  context: ..
                  args:
                    MODULE: pipeline-s
                    PORT: 8080
              t:
                build:
                  context: ..
                  args:
                    - MODULE=pipeline-t
                    - FROM_ENV
            """);

    // when
    var s = compose.service("s").orElseThrow().build().orElseThrow().args();
    var t = compose.service("t").orElseThrow().build().orElseThrow().args();

    // then
    assertThat(s).containsExactly(entry("MODULE", "pipeline-s"), entry("PORT", "8080"));
    assertThat(t).containsExactly(entry("MODULE", "pipeline-t"), entry("FROM_ENV", null));
  }

  @Test
  void shouldListHostPortsKafkaAdvertisesWhenListenersAreNamed() {
    // given
    ComposeFile compose =
        ComposeFile.parse(
            DIR,
            "services:\n  kafka:\n    environment:\n"
                + "      KAFKA_ADVERTISED_LISTENERS: \"INTERNAL://kafka:19092, EXTERNAL://localhost:9092\"\n");

    // when
    var listeners = compose.advertisedKafkaListeners("kafka");

    // then
    assertThat(listeners).containsExactly("kafka:19092", "localhost:9092");
  }
}
