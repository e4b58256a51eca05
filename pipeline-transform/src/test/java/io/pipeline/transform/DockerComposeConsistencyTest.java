package io.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.s3.S3Settings;
import io.pipeline.localstack.docker.ComposeFile;
import io.pipeline.localstack.docker.ComposeService;
import io.pipeline.localstack.docker.ImageBuild;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.transform.etl.EtlConfig;
import io.pipeline.transform.streams.ProcessingGuarantee;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the transform service in {@code docker/compose.yaml} in step with the code: only settings
 * it reads, with values it accepts, the broker's advertised listener, an image of this module with
 * its main class, its state on a volume the service user owns, and its port published. Surefire
 * runs tests in the module directory, so {@code ..} is the project root.
 */
class DockerComposeConsistencyTest {

  private final ComposeFile compose = ComposeFile.project();

  @Test
  void shouldSetOnlyKnownSettingsWithValuesServiceAccepts() {
    // given
    Set<String> known =
        Stream.of(
                KafkaSettings.SETTINGS,
                PipelineKafka.SETTINGS,
                TransformConfig.SETTINGS,
                EtlConfig.SETTINGS,
                S3Settings.SETTINGS)
            .flatMap(List::stream)
            .map(Setting::name)
            .collect(Collectors.toSet());

    // when
    ComposeService transform = transform();
    TransformConfig config = TransformConfig.from(Settings.of(transform.environment()));

    // then
    assertThat(transform.environment().keySet())
        .as("environment variables of the transform service in %s", compose.file())
        .allSatisfy(name -> assertThat(known).as("known settings").contains(name));
    assertThat(config.telemetry().guarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
    assertThat(config.instanceId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    assertThat(transform.publishedContainerPorts()).contains(config.port());
    assertThat(image().dockerfile().exposedPorts()).contains(config.port());
  }

  @Test
  void shouldPointTransformAtListenerKafkaAdvertises() {
    // given
    List<String> advertised = compose.advertisedKafkaListeners("kafka");

    // when
    String bootstrap = transform().environment().get("KAFKA_BOOTSTRAP_SERVERS");

    // then
    assertThat(Arrays.stream(bootstrap.split(",")).map(String::trim))
        .allSatisfy(server -> assertThat(server).doesNotStartWith("localhost:").isIn(advertised));
  }

  @Test
  void shouldBuildImageOfThisModuleThatRunsTransformMain() throws Exception {
    // when
    ImageBuild build = image();

    // then
    assertThat(build.args())
        .containsEntry("MODULE", "pipeline-transform")
        .containsEntry("MAIN_CLASS", TransformMain.class.getName());
    assertThat(build.argsNotRead()).isEmpty();
    assertThat(build.moduleFilesNotCopied()).isEmpty();
    assertThat(TransformMain.class.getMethod("main", String[].class)).isNotNull();
  }

  @Test
  void shouldKeepStateOnNamedVolumeServiceUserOwns() {
    // given
    ComposeService transform = transform();
    String stateDir = transform.environment().get(TransformConfig.STATE_DIR.name());
    assertThat(stateDir).as("TRANSFORM_STATE_DIR").isNotBlank();

    // when
    var volume = transform.namedVolumeAt(stateDir);

    // then
    assertThat(volume).as("a named volume mounted at %s", stateDir).isPresent();
    assertThat(compose.volumes()).contains(volume.get());
    assertThat(image().dockerfile().chowns(stateDir)).isTrue();
  }

  private ImageBuild image() {
    return transform().build().orElseThrow();
  }

  private ComposeService transform() {
    assertThat(compose.service("transform"))
        .as("service transform in %s", compose.file())
        .isPresent();
    return compose.service("transform").orElseThrow();
  }
}
