package io.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.common.config.Settings;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.OrchestratorConfig;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings {@code ./pipeline up} gives each service: the environment's, plus where the stack's
 * embedded servers answer, the ports chosen and the data folder.
 *
 * @param environment the settings of the environment, which win where they are set
 * @param bucket the bucket whose new objects are ingested
 * @param listingInterval how often the bucket is listed, when S3 is an external store
 * @param triggerPrefix new objects under this prefix start the trigger state machine
 * @param triggerStateMachine the state machine they start
 * @param ports the services' HTTP ports
 */
record UpSettings(
    Settings environment,
    String bucket,
    Duration listingInterval,
    String triggerPrefix,
    String triggerStateMachine,
    UpSettings.Ports ports) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The services' HTTP ports. */
  record Ports(int http, int api, int transform) {}

  Settings ingest(
      String kafka,
      S3Endpoint s3,
      Optional<UpCommand.Notifications> notifications,
      Optional<String> mqtt,
      Path data) {
    Map<String, String> overrides = new HashMap<>();
    overrides.putAll(withKafka(kafka, Map.of()));
    overrides.putAll(s3(s3));
    if (notifications.isPresent()) {
      overrides.put("SQS_ENDPOINT", notifications.get().sqs().uri().toString());
      overrides.put("S3_NOTIFICATIONS_SQS_QUEUE_URLS", notifications.get().queueUrl());
      overrides.put("S3_NOTIFICATIONS_STATE_DIR", data.resolve("streams").toString());
      // One instance, always the same: after a crash it takes its partitions back at once.
      overrides.put("S3_NOTIFICATIONS_INSTANCE_ID", "pipeline-up");
    } else {
      overrides.put("S3_LISTING_BUCKETS", bucket);
      overrides.put("S3_LISTING_INTERVAL", listingInterval.toMillis() + "ms");
    }
    mqtt.ifPresent(url -> overrides.put("MQTT_URL", url));
    overrides.put("INGEST_HTTP_PORT", String.valueOf(ports.http()));
    return environment.with(overrides);
  }

  Settings orchestrator(String kafka, S3Endpoint s3, Path data) {
    Map<String, String> more = new HashMap<>();
    if (environment.raw("ORCHESTRATOR_S3_ENDPOINT").isEmpty()) {
      // S3 Tasks (aws-sdk:s3:*) reach the embedded S3 server.
      more.put("ORCHESTRATOR_S3_ENDPOINT", s3.uri().toString());
      more.put("ORCHESTRATOR_S3_REGION", s3.region());
      more.put("ORCHESTRATOR_S3_ACCESS_KEY_ID", s3.accessKeyId());
      more.put("ORCHESTRATOR_S3_SECRET_ACCESS_KEY", s3.secretAccessKey());
    }
    more.putAll(
        Map.of(
            "ORCHESTRATOR_HTTP_PORT",
            String.valueOf(ports.api()),
            // Its stores beside the Kafka data they restore from, not in Kafka Streams'
            // default folder, which every run on this machine would share whatever its data.
            "ORCHESTRATOR_STATE_DIR",
            data.resolve("orchestrator").toString(),
            // One instance, always the same: after a crash it takes its partitions back at
            // once.
            "ORCHESTRATOR_INSTANCE_ID",
            "pipeline-up",
            "ORCHESTRATOR_TRIGGERS",
            environment.raw("ORCHESTRATOR_TRIGGERS").orElseGet(this::newObjectRule)));
    return environment.with(withKafka(kafka, more));
  }

  Settings transform(String kafka, S3Endpoint s3, Path data) {
    Map<String, String> more = new HashMap<>();
    // The batch ETL workers read and write the stack's S3 server.
    more.putAll(s3(s3));
    more.put("TRANSFORM_HTTP_PORT", String.valueOf(ports.transform()));
    // Its stores beside the Kafka data they restore from; one instance, always the same.
    more.put("TRANSFORM_STATE_DIR", data.resolve("transform").toString());
    more.put("TRANSFORM_INSTANCE_ID", "pipeline-up");
    return environment.with(withKafka(kafka, more));
  }

  /**
   * The rule {@code up} ships: each new object of the bucket under the prefix starts the state
   * machine, once per object version (the execution is named from the event's id).
   */
  private String newObjectRule() {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("name", "new-objects");
    rule.put("sourceTopic", PipelineTopics.S3_OBJECT_EVENTS);
    ObjectNode pattern = rule.putObject("pattern");
    pattern.putArray("bucket").add(bucket);
    pattern.putArray("key").addObject().put("prefix", triggerPrefix);
    rule.put(
        "stateMachineArn",
        "arn:aws:states:"
            + environment.get(OrchestratorConfig.REGION)
            + ":"
            + environment.get(OrchestratorConfig.ACCOUNT)
            + ":stateMachine:"
            + triggerStateMachine);
    rule.put("executionName", "{$.eventId}");
    return JSON.createArrayNode().add(rule).toString();
  }

  /** The settings that point a service at the stack's S3 server. */
  private static Map<String, String> s3(S3Endpoint s3) {
    return Map.of(
        "S3_ENDPOINT", s3.uri().toString(),
        "S3_REGION", s3.region(),
        "AWS_ACCESS_KEY_ID", s3.accessKeyId(),
        "AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
  }

  /** A service's settings on the stack's Kafka (one broker: replication factor 1), plus these. */
  private static Map<String, String> withKafka(String kafka, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
    settings.put("KAFKA_REPLICATION_FACTOR", "1");
    return settings;
  }
}
