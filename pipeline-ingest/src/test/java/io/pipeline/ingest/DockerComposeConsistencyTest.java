package io.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pipeline.common.config.Setting;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.http.IngestHttpConfig;
import io.pipeline.ingest.mqtt.MqttBridgeConfig;
import io.pipeline.ingest.s3.S3ListingConfig;
import io.pipeline.ingest.s3.S3Settings;
import io.pipeline.ingest.s3.notify.S3NotificationConfig;
import io.pipeline.ingest.s3.notify.S3WebhookHandler;
import io.pipeline.schemas.topic.PipelineKafka;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * reads, must point the service at the broker it runs, and must start the main class that exists.
 * Surefire runs tests in the module directory, so {@code ..} is the project root.
 */
class DockerComposeConsistencyTest {

  private static final Path DOCKER = Path.of("..", "docker");
  private static final Path COMPOSE = DOCKER.resolve("compose.yaml");
  private static final String MOSQUITTO_CONF_IN_CONTAINER = "/mosquitto/config/mosquitto.conf";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldSetOnlyKnownSettingsOnIngestService() throws IOException {
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
    Map<String, String> environment = environment(service(compose(), "ingest"));

    // then
    assertThat(environment).isNotEmpty();
    assertThat(environment.keySet())
        .as("environment variables of the ingest service in %s", COMPOSE)
        .allSatisfy(name -> assertThat(known).as("known settings").contains(name));
  }

  @Test
  void shouldPointIngestAtListenerKafkaAdvertises() throws IOException {
    // given
    JsonNode compose = compose();
    List<String> advertised =
        Arrays.stream(
                environment(service(compose, "kafka"))
                    .getOrDefault("KAFKA_ADVERTISED_LISTENERS", "")
                    .split(","))
            .map(String::trim)
            .filter(listener -> listener.contains("://"))
            .map(listener -> listener.substring(listener.indexOf("://") + 3))
            .toList();

    // when
    String bootstrap = environment(service(compose, "ingest")).get("KAFKA_BOOTSTRAP_SERVERS");

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
    JsonNode build = service(compose(), "ingest").path("build");
    Path context =
        DOCKER.resolve(build.isTextual() ? build.asText() : build.path("context").asText("."));
    Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
    assertThat(dockerfile).isRegularFile();

    // when
    String mainClass = mainClass(entrypoint(dockerfile));

    // then
    assertThat(mainClass).isEqualTo("io.pipeline.ingest.IngestMain");
    Method main =
        Class.forName(mainClass, false, getClass().getClassLoader())
            .getMethod("main", String[].class);
    assertThat(Modifier.isStatic(main.getModifiers())).as("main is static").isTrue();
  }

  @Test
  void shouldQueueManyMessagesAndAllowAnonymousClientsInMosquitto() throws IOException {
    // given
    Path conf = mountedFile(service(compose(), "mosquitto"), MOSQUITTO_CONF_IN_CONTAINER);
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
  void shouldGiveIngestMinioRootCredentialsAndCreateItsBuckets() throws IOException {
    // given
    JsonNode compose = compose();
    Map<String, String> minio = environment(service(compose, "minio"));
    String init = service(compose, "minio-init").path("command").toString();

    // when
    Map<String, String> ingest = environment(service(compose, "ingest"));

    // then
    assertThat(ingest)
        .containsEntry("AWS_ACCESS_KEY_ID", minio.get("MINIO_ROOT_USER"))
        .containsEntry("AWS_SECRET_ACCESS_KEY", minio.get("MINIO_ROOT_PASSWORD"));
    assertThat(ingest.get("S3_LISTING_BUCKETS").split(","))
        .allSatisfy(bucket -> assertThat(init).contains("mc mb").contains("/" + bucket.trim()));
  }

  @Test
  void shouldSendMinioWebhookNotificationsToIngestWithItsToken() throws IOException {
    // given
    JsonNode compose = compose();
    Map<String, String> minio = environment(service(compose, "minio"));
    String init = service(compose, "minio-init").path("command").toString();

    // when
    Map<String, String> ingest = environment(service(compose, "ingest"));

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

  @Test
  void shouldReadEnvironmentWhenGivenAsList() throws IOException {
    // given
    JsonNode service = YAML.readTree("environment:\n  - A=1\n  - B=x=y\n  - C\n");

    // when
    Map<String, String> environment = environment(service);

    // then
    assertThat(environment)
        .containsEntry("A", "1")
        .containsEntry("B", "x=y")
        .containsEntry("C", null)
        .hasSize(3);
  }

  @Test
  void shouldReadEnvironmentWhenGivenAsMap() throws IOException {
    // given
    JsonNode service = YAML.readTree("environment:\n  A: 1\n  B: \"x\"\n  C:\n");

    // when
    Map<String, String> environment = environment(service);

    // then
    assertThat(environment)
        .containsEntry("A", "1")
        .containsEntry("B", "x")
        .containsEntry("C", null)
        .hasSize(3);
  }

  private static JsonNode compose() throws IOException {
    assertThat(COMPOSE).isRegularFile();
    return YAML.readTree(COMPOSE.toFile());
  }

  private static JsonNode service(JsonNode compose, String name) {
    JsonNode service = compose.path("services").path(name);
    assertThat(service.isObject()).as("service %s in %s", name, COMPOSE).isTrue();
    return service;
  }

  /** A service's environment, given as a map or as a list of KEY=VALUE (or bare KEY). */
  static Map<String, String> environment(JsonNode service) {
    JsonNode environment = service.path("environment");
    Map<String, String> variables = new LinkedHashMap<>();
    if (environment.isObject()) {
      environment
          .properties()
          .forEach(
              e -> variables.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } else if (environment.isArray()) {
      for (JsonNode item : environment) {
        String text = item.asText();
        int equals = text.indexOf('=');
        if (equals < 0) {
          variables.put(text, null);
        } else {
          variables.put(text.substring(0, equals), text.substring(equals + 1));
        }
      }
    } else if (!environment.isMissingNode() && !environment.isNull()) {
      throw new AssertionError("environment is neither a map nor a list: " + environment);
    }
    return variables;
  }

  /** The host file a service mounts at {@code target}, in short or long volume syntax. */
  private static Path mountedFile(JsonNode service, String target) {
    for (JsonNode volume : service.path("volumes")) {
      String source;
      String mountedAt;
      if (volume.isTextual()) {
        String[] parts = volume.asText().split(":");
        source = parts[0];
        mountedAt = parts.length > 1 ? parts[1] : "";
      } else {
        source = volume.path("source").asText();
        mountedAt = volume.path("target").asText();
      }
      if (mountedAt.equals(target)) {
        return DOCKER.resolve(source).normalize();
      }
    }
    throw new AssertionError("no volume mounted at " + target + " in " + service);
  }

  /** The last ENTRYPOINT of a Dockerfile (the final stage's), as its argument list. */
  private static List<String> entrypoint(Path dockerfile) throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      String stripped = line.strip();
      if (stripped.startsWith("#")) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      instructions.add(current.toString().strip());
      current.setLength(0);
    }
    String entrypoint =
        instructions.stream()
            .filter(i -> i.regionMatches(true, 0, "ENTRYPOINT ", 0, 11))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no ENTRYPOINT in " + dockerfile))
            .substring(11)
            .strip();
    if (entrypoint.startsWith("[")) {
      return Arrays.asList(JSON.readValue(entrypoint, String[].class));
    }
    return Arrays.asList(entrypoint.split("\\s+"));
  }

  /** The main class a {@code java} command line runs. */
  private static String mainClass(List<String> command) {
    assertThat(command).as("entrypoint").isNotEmpty();
    assertThat(Path.of(command.get(0)).getFileName().toString()).isEqualTo("java");
    for (int i = 1; i < command.size(); i++) {
      String argument = command.get(i);
      if (List.of("-cp", "-classpath", "--class-path").contains(argument)) {
        i++;
      } else if (argument.equals("-jar")) {
        throw new AssertionError("entrypoint runs a jar, not a named main class: " + command);
      } else if (!argument.startsWith("-")) {
        return argument;
      }
    }
    throw new AssertionError("entrypoint names no main class: " + command);
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
