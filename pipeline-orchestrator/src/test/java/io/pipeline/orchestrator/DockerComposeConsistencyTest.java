package io.pipeline.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.docker.ComposeFile;
import io.pipeline.localstack.docker.ComposeService;
import io.pipeline.localstack.docker.ImageBuild;
import io.pipeline.orchestrator.activities.ActivityPollConfig;
import io.pipeline.orchestrator.api.ApiRateLimits;
import io.pipeline.orchestrator.console.ConsoleConfig;
import io.pipeline.orchestrator.integrations.HttpInvokeConfig;
import io.pipeline.orchestrator.integrations.aws.LambdaIntegrationConfig;
import io.pipeline.orchestrator.integrations.aws.S3IntegrationConfig;
import io.pipeline.orchestrator.runtime.RuntimeConfig;
import io.pipeline.schemas.topic.PipelineKafka;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the orchestrator's service in {@code docker/compose.yaml} in step with the code: only
 * settings the service reads, with values it accepts, the broker it runs, an image built from this
 * module with the main class that exists and every module the build reads (pipeline-client among
 * them), its state on a volume it can write, and the API's port published. Surefire runs tests in
 * the module directory, so {@code ..} is the project root.
 */
class DockerComposeConsistencyTest {

  private final ComposeFile compose = ComposeFile.project();

  @Test
  void shouldSetOnlyKnownSettingsOnOrchestratorService() {
    // given
    Set<String> known =
        Stream.of(
                KafkaSettings.SETTINGS,
                PipelineKafka.SETTINGS,
                OrchestratorConfig.SETTINGS,
                ConsoleConfig.SETTINGS,
                RuntimeConfig.SETTINGS,
                ActivityPollConfig.SETTINGS,
                ApiRateLimits.SETTINGS,
                HttpInvokeConfig.SETTINGS,
                S3IntegrationConfig.SETTINGS,
                LambdaIntegrationConfig.SETTINGS)
            .flatMap(List::stream)
            .map(Setting::name)
            .collect(Collectors.toSet());

    // when
    Map<String, String> environment = orchestrator().environment();

    // then
    assertThat(environment).isNotEmpty();
    assertThat(environment.keySet())
        .as("environment variables of the orchestrator service in %s", compose.file())
        .allSatisfy(name -> assertThat(known).as("known settings").contains(name));
  }

  @Test
  void shouldAcceptSettingsValuesWhenServiceStarts() {
    // given
    Settings settings = Settings.of(orchestrator().environment());

    // when
    OrchestratorConfig config = OrchestratorConfig.from(settings);
    RuntimeConfig runtime = RuntimeConfig.from(settings);

    // then
    assertThat(config.port()).isPositive();
    assertThat(runtime.stateDir()).as("ORCHESTRATOR_STATE_DIR").isPresent();
    assertThat(runtime.instanceId())
        .as("ORCHESTRATOR_INSTANCE_ID, stable across restarts of the container")
        .hasValueSatisfying(id -> assertThat(id).isNotBlank().doesNotContain("$"));
  }

  @Test
  void shouldPointOrchestratorAtListenerKafkaAdvertises() {
    // given
    List<String> advertised = compose.advertisedKafkaListeners("kafka");

    // when
    String bootstrap = orchestrator().environment().get("KAFKA_BOOTSTRAP_SERVERS");

    // then
    assertThat(bootstrap).as("KAFKA_BOOTSTRAP_SERVERS of the orchestrator service").isNotBlank();
    assertThat(Arrays.stream(bootstrap.split(",")).map(String::trim))
        .allSatisfy(
            server ->
                assertThat(server)
                    .as("a container's localhost is itself, not the broker")
                    .doesNotStartWith("localhost:")
                    .isIn(advertised));
  }

  @Test
  void shouldBuildOrchestratorImageThatRunsOrchestratorMain() throws Exception {
    // given
    ImageBuild build = orchestratorImage();

    // when
    Map<String, String> args = build.args();

    // then
    assertThat(build.dockerfilePath()).isRegularFile();
    assertThat(args)
        .containsEntry("MODULE", "pipeline-orchestrator")
        .containsEntry("MAIN_CLASS", OrchestratorMain.class.getName());
    assertThat(build.argsNotRead())
        .as("build args %s does not read", build.dockerfilePath())
        .isEmpty();
    Method main = OrchestratorMain.class.getMethod("main", String[].class);
    assertThat(Modifier.isStatic(main.getModifiers())).as("main is static").isTrue();
  }

  @Test
  void shouldCopyEveryModuleOfProjectWhenBuildingOrchestratorImage() {
    // given
    ImageBuild build = orchestratorImage();

    // when
    List<String> missing = build.moduleFilesNotCopied();

    // then
    assertThat(build.modules()).contains("pipeline-orchestrator", "pipeline-client");
    assertThat(missing)
        .as("module files %s does not copy beside the root pom", build.dockerfilePath())
        .isEmpty();
  }

  @Test
  void shouldKeepStateOnNamedVolumeServiceUserOwnsWhenStateDirIsSet() {
    // given
    ComposeService orchestrator = orchestrator();
    String stateDir = orchestrator.environment().get(RuntimeConfig.STATE_DIR.name());
    assertThat(stateDir).as("ORCHESTRATOR_STATE_DIR").isNotBlank();

    // when
    var volume = orchestrator.namedVolumeAt(stateDir);
    boolean owned = orchestratorImage().dockerfile().chowns(stateDir);

    // then
    assertThat(volume).as("a named volume mounted at %s", stateDir).isPresent();
    assertThat(compose.volumes()).contains(volume.get());
    assertThat(owned)
        .as("the image makes %s the service user's, so the volume takes that owner", stateDir)
        .isTrue();
  }

  @Test
  void shouldPublishPortApiListensOn() {
    // given
    ComposeService orchestrator = orchestrator();
    int port = OrchestratorConfig.from(Settings.of(orchestrator.environment())).port();

    // when
    List<Integer> published = orchestrator.publishedContainerPorts();
    List<Integer> exposed = orchestratorImage().dockerfile().exposedPorts();

    // then
    assertThat(published).contains(port);
    assertThat(exposed).contains(port);
  }

  private ImageBuild orchestratorImage() {
    return orchestrator().build().orElseThrow();
  }

  private ComposeService orchestrator() {
    assertThat(compose.service("orchestrator"))
        .as("service orchestrator in %s", compose.file())
        .isPresent();
    return compose.service("orchestrator").orElseThrow();
  }
}
