package io.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.s3.S3Settings;
import io.pipeline.ingest.http.IngestHttpConfig;
import io.pipeline.ingest.mqtt.MqttBridgeConfig;
import io.pipeline.ingest.s3.S3ListingConfig;
import io.pipeline.ingest.s3.notify.S3NotificationConfig;
import io.pipeline.ingest.s3.notify.S3WebhookHandler;
import io.pipeline.localstack.docker.ComposeFile;
import io.pipeline.localstack.docker.ComposeService;
import io.pipeline.localstack.docker.ImageBuild;
import io.pipeline.schemas.topic.PipelineKafka;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docker/} in step with the code: the compose file may only set settings the service
 * reads, must point the service at the broker it runs, and must build its image from this module,
 * with the main class that exists, every module the build reads, its state on a volume it can write
 * and its port exposed and published. Surefire runs tests in the module directory, so {@code ..} is
 * the project root. The orchestrator's service has its own such test in pipeline-orchestrator.
 */
class DockerComposeConsistencyTest {

  private static final String MOSQUITTO_CONF_IN_CONTAINER = "/mosquitto/config/mosquitto.conf";

  private final ComposeFile compose = ComposeFile.project();

  @Test
  void shouldSetOnlyKnownSettingsOnIngestService() {
    // given
    Set<String> known =
        Stream.of(
                KafkaSettings.SETTINGS,
                PipelineKafka.SETTINGS,
                S3Settings.SETTINGS,
                S3ListingConfig.SETTINGS,
                S3NotificationConfig.SETTINGS,
                MqttBridgeConfig.SETTINGS,
                IngestHttpConfig.SETTINGS)
            .flatMap(List::stream)
            .map(Setting::name)
            .collect(Collectors.toSet());

    // when
    Map<String, String> environment = service("ingest").environment();

    // then
    assertThat(environment).isNotEmpty();
    assertThat(environment.keySet())
        .as("environment variables of the ingest service in %s", compose.file())
        .allSatisfy(name -> assertThat(known).as("known settings").contains(name));
  }

  @Test
  void shouldPointIngestAtListenerKafkaAdvertises() {
    // given
    List<String> advertised = compose.advertisedKafkaListeners("kafka");

    // when
    String bootstrap = service("ingest").environment().get("KAFKA_BOOTSTRAP_SERVERS");

    // then
    assertThat(bootstrap).as("KAFKA_BOOTSTRAP_SERVERS of the ingest service").isNotBlank();
    assertThat(Arrays.stream(bootstrap.split(",")).map(String::trim))
        .allSatisfy(
            server ->
                assertThat(server)
                    .as("a container's localhost is itself, not the broker")
                    .doesNotStartWith("localhost:")
                    .isIn(advertised));
  }

  @Test
  void shouldBuildIngestImageThatRunsIngestMain() throws Exception {
    // given
    ImageBuild build = ingestImage();

    // when
    Map<String, String> args = build.args();

    // then
    assertThat(build.dockerfilePath()).isRegularFile();
    assertThat(args)
        .containsEntry("MODULE", "pipeline-ingest")
        .containsEntry("MAIN_CLASS", IngestMain.class.getName());
    assertThat(build.argsNotRead())
        .as("build args %s does not read", build.dockerfilePath())
        .isEmpty();
    Method main = IngestMain.class.getMethod("main", String[].class);
    assertThat(Modifier.isStatic(main.getModifiers())).as("main is static").isTrue();
  }

  @Test
  void shouldCopyEveryModuleOfProjectWhenBuildingIngestImage() {
    // given
    ImageBuild build = ingestImage();

    // when
    List<String> missing = build.moduleFilesNotCopied();

    // then
    assertThat(build.modules()).contains("pipeline-ingest");
    assertThat(missing)
        .as("module files %s does not copy beside the root pom", build.dockerfilePath())
        .isEmpty();
  }

  @Test
  void shouldKeepDeduplicationStateOnNamedVolumeServiceUserOwns() {
    // given
    ComposeService ingest = service("ingest");
    String stateDir = ingest.environment().get(S3NotificationConfig.STATE_DIR.name());
    assertThat(stateDir).as("S3_NOTIFICATIONS_STATE_DIR").isNotBlank();

    // when
    var volume = ingest.namedVolumeAt(stateDir);
    boolean owned = ingestImage().dockerfile().chowns(stateDir);

    // then
    assertThat(volume).as("a named volume mounted at %s", stateDir).isPresent();
    assertThat(compose.volumes()).contains(volume.get());
    assertThat(owned)
        .as("the image makes %s the service user's, so the volume takes that owner", stateDir)
        .isTrue();
  }

  @Test
  void shouldExposeAndPublishPortIngestListensOn() {
    // given
    ComposeService ingest = service("ingest");
    int port = IngestHttpConfig.from(Settings.of(ingest.environment())).port();

    // when
    List<Integer> published = ingest.publishedContainerPorts();
    List<Integer> exposed = ingestImage().dockerfile().exposedPorts();

    // then
    assertThat(published).contains(port);
    assertThat(exposed).contains(port);
  }

  @Test
  void shouldQueueManyMessagesAndAllowAnonymousClientsInMosquitto() throws IOException {
    // given
    Path conf = service("mosquitto").mountedFile(MOSQUITTO_CONF_IN_CONTAINER).orElseThrow();
    assertThat(conf).isRegularFile();

    // when
    Map<String, String> settings = mosquittoSettings(conf);

    // then
    assertThat(settings).containsEntry("allow_anonymous", "true");
    assertThat(settings).containsKey("max_queued_messages");
    assertThat(Long.parseLong(settings.get("max_queued_messages")))
        .as("max_queued_messages (Mosquitto drops QoS 1 messages beyond it; default 1000)")
        .isGreaterThan(1000);
  }

  @Test
  void shouldGiveIngestMinioRootCredentialsAndCreateItsBuckets() {
    // given
    Map<String, String> minio = service("minio").environment();
    String init = service("minio-init").node().path("command").toString();

    // when
    Map<String, String> ingest = service("ingest").environment();

    // then
    assertThat(ingest)
        .containsEntry("AWS_ACCESS_KEY_ID", minio.get("MINIO_ROOT_USER"))
        .containsEntry("AWS_SECRET_ACCESS_KEY", minio.get("MINIO_ROOT_PASSWORD"));
    assertThat(ingest.get("S3_LISTING_BUCKETS").split(","))
        .allSatisfy(bucket -> assertThat(init).contains("mc mb").contains("/" + bucket.trim()));
  }

  @Test
  void shouldSendMinioWebhookNotificationsToIngestWithItsToken() {
    // given
    Map<String, String> minio = service("minio").environment();
    String init = service("minio-init").node().path("command").toString();

    // when
    Map<String, String> ingest = service("ingest").environment();

    // then
    assertThat(ingest).containsEntry("S3_NOTIFICATIONS_WEBHOOK", "true");
    assertThat(minio).containsEntry("MINIO_NOTIFY_WEBHOOK_ENABLE_PRIMARY", "on");
    assertThat(minio.get("MINIO_NOTIFY_WEBHOOK_ENDPOINT_PRIMARY"))
        .startsWith("http://ingest:")
        .endsWith(S3WebhookHandler.PATH);
    assertThat(minio.get("MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN_PRIMARY"))
        .isEqualTo(ingest.get("S3_NOTIFICATIONS_WEBHOOK_TOKEN"));
    assertThat(minio).containsKey("MINIO_NOTIFY_WEBHOOK_QUEUE_DIR_PRIMARY");
    assertThat(init).contains("mc event add").contains("arn:minio:sqs::PRIMARY:webhook");
  }

  private ImageBuild ingestImage() {
    return service("ingest").build().orElseThrow();
  }

  private ComposeService service(String name) {
    assertThat(compose.service(name)).as("service %s in %s", name, compose.file()).isPresent();
    return compose.service(name).orElseThrow();
  }

  /** Mosquitto's options: one per line, name then value; comments start with #. */
  private static Map<String, String> mosquittoSettings(Path conf) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : Files.readAllLines(conf)) {
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      String[] parts = stripped.split("\\s+", 2);
      settings.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
    }
    return settings;
  }
}
