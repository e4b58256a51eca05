package io.pipeline.ingest.s3.notify;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.common.s3.S3Settings;
import io.pipeline.ingest.s3.S3ObjectFilter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Settings of the S3 event notification bridges (an SQS queue of notifications, a webhook for
 * S3-compatible stores) and of the step that removes duplicate notifications.
 *
 * @param queueUrls the SQS queues to read; empty turns the SQS bridge off
 * @param sqsEndpoint an SQS-compatible endpoint (ElasticMQ, LocalStack); empty for AWS
 * @param waitTime how long one receive call waits for messages (long polling)
 * @param visibilityTimeout how long a received message stays hidden from other readers
 * @param webhookEnabled whether the webhook handler is offered to the HTTP server
 * @param webhookToken the bearer token the webhook requires; empty accepts any request
 * @param filters which objects become events; empty for all
 * @param applicationId the Kafka Streams application id of the deduplication step
 * @param stateDir where the deduplication step keeps its store; empty for Kafka Streams' default
 * @param retention how long the deduplication step remembers a key it has not seen since
 * @param readers concurrent readers per queue
 * @param instanceId the deduplication step's static group membership id: stable per instance, so
 *     that an instance restarted after a crash takes its partitions back at once instead of after
 *     the session timeout; empty for dynamic membership
 */
public record S3NotificationConfig(
    List<String> queueUrls,
    Optional<URI> sqsEndpoint,
    Duration waitTime,
    Duration visibilityTimeout,
    boolean webhookEnabled,
    Optional<String> webhookToken,
    NotificationFilters filters,
    String applicationId,
    Optional<String> stateDir,
    Duration retention,
    int readers,
    Optional<String> instanceId) {

  public static final Setting<List<String>> QUEUE_URLS =
      Setting.list(
          "S3_NOTIFICATIONS_SQS_QUEUE_URLS",
          "",
          "SQS queues of S3 event notifications (s3:ObjectCreated:* to SQS), comma-separated URLs;"
              + " empty turns the SQS bridge off.");
  public static final Setting<Optional<String>> SQS_ENDPOINT =
      Setting.optionalString(
          "SQS_ENDPOINT",
          "Endpoint of an SQS-compatible service, e.g. http://localhost:9324; unset for AWS SQS."
              + " Region and credentials are S3's (S3_REGION, AWS_ACCESS_KEY_ID...).");
  public static final Setting<Duration> WAIT_TIME =
      Setting.duration(
          "S3_NOTIFICATIONS_SQS_WAIT_TIME",
          "20s",
          "How long one SQS receive call waits for messages (long polling), 1s to 20s; also"
              + " bounds how long stopping the bridge takes.");
  public static final Setting<Duration> VISIBILITY_TIMEOUT =
      Setting.duration(
          "S3_NOTIFICATIONS_SQS_VISIBILITY_TIMEOUT",
          "120s",
          "How long a received SQS message stays hidden while its records are written to Kafka;"
              + " a message not deleted by then is delivered again (the duplicate is removed"
              + " later).");
  public static final Setting<Boolean> WEBHOOK =
      Setting.bool(
          "S3_NOTIFICATIONS_WEBHOOK",
          false,
          "true to accept webhook notifications from an S3-compatible store (MinIO) at"
              + " /s3/webhook of the ingest HTTP server.");
  public static final Setting<Optional<String>> WEBHOOK_TOKEN =
      Setting.optionalString(
          "S3_NOTIFICATIONS_WEBHOOK_TOKEN",
          "Bearer token webhook requests must carry (MinIO's MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN);"
              + " unset accepts any request.");
  public static final Setting<NotificationFilters> FILTERS =
      Setting.list(
              "S3_NOTIFICATIONS_FILTERS",
              "",
              "Which notified objects become S3ObjectEvents: comma-separated bucket,"
                  + " bucket:prefix or bucket:prefix:suffix; empty for every object.")
          .map(
              items -> new NotificationFilters(items.stream().map(S3ObjectFilter::parse).toList()));
  public static final Setting<String> APPLICATION_ID =
      Setting.string(
          "S3_NOTIFICATIONS_APPLICATION_ID",
          "pipeline-s3-notifications",
          "Kafka Streams application id of the step that removes duplicate notifications.");
  public static final Setting<Optional<String>> STATE_DIR =
      Setting.optionalString(
          "S3_NOTIFICATIONS_STATE_DIR",
          "Folder of the deduplication step's state store; unset for Kafka Streams' default"
              + " under the temporary folder.");
  public static final Setting<Duration> RETENTION =
      Setting.duration(
          "S3_NOTIFICATIONS_DEDUP_RETENTION",
          "336h",
          "How long the deduplication step remembers an object key after its last notification;"
              + " keep it above the longest redelivery delay (SQS keeps messages up to 14 days).");

  public static final Setting<Integer> READERS =
      Setting.integer(
          "S3_NOTIFICATIONS_SQS_READERS",
          4,
          1,
          64,
          "Concurrent readers per SQS queue; each holds up to 10 messages until Kafka has their"
              + " records.");
  public static final Setting<Optional<String>> INSTANCE_ID =
      Setting.optionalString(
          "S3_NOTIFICATIONS_INSTANCE_ID",
          "Stable id of this instance of the deduplication step (Kafka static membership), unique"
              + " per instance: a restarted instance takes its partitions back at once. Unset for"
              + " dynamic membership (a crashed instance's partitions wait for its session to"
              + " time out).");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          QUEUE_URLS,
          SQS_ENDPOINT,
          WAIT_TIME,
          VISIBILITY_TIMEOUT,
          WEBHOOK,
          WEBHOOK_TOKEN,
          FILTERS,
          APPLICATION_ID,
          STATE_DIR,
          RETENTION,
          READERS,
          INSTANCE_ID);

  public S3NotificationConfig {
    queueUrls = List.copyOf(queueUrls);
  }

  /** Reads and validates the notification settings. */
  public static S3NotificationConfig from(Settings settings) {
    Duration wait = settings.get(WAIT_TIME);
    if (wait.compareTo(Duration.ofSeconds(1)) < 0 || wait.compareTo(Duration.ofSeconds(20)) > 0) {
      throw new ConfigException(
          "Setting S3_NOTIFICATIONS_SQS_WAIT_TIME=" + wait + " is invalid: expected 1s to 20s");
    }
    Duration visibility = settings.get(VISIBILITY_TIMEOUT);
    if (visibility.toSeconds() < 1 || visibility.toSeconds() > 43_200) {
      throw new ConfigException(
          "Setting S3_NOTIFICATIONS_SQS_VISIBILITY_TIMEOUT="
              + visibility
              + " is invalid: expected 1s to 12h (SQS's limits)");
    }
    List<String> queues = settings.get(QUEUE_URLS);
    queues.forEach(q -> url(QUEUE_URLS.name(), q));
    return new S3NotificationConfig(
        queues,
        settings.get(SQS_ENDPOINT).map(e -> url(SQS_ENDPOINT.name(), e)),
        wait,
        visibility,
        settings.get(WEBHOOK),
        settings.get(WEBHOOK_TOKEN),
        settings.get(FILTERS),
        settings.get(APPLICATION_ID),
        settings.get(STATE_DIR),
        settings.get(RETENTION),
        settings.get(READERS),
        settings.get(INSTANCE_ID));
  }

  /** An SQS client for these settings, with the region and credentials of the S3 settings. */
  public SqsClient newSqsClient(S3Settings s3) {
    SqsClientBuilder builder =
        SqsClient.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(s3.credentials())
            .httpClient(UrlConnectionHttpClient.create());
    sqsEndpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** Whether the SQS bridge runs. */
  public boolean sqsEnabled() {
    return !queueUrls.isEmpty();
  }

  /** Whether the deduplication step runs: when any notification source is on. */
  public boolean enabled() {
    return sqsEnabled() || webhookEnabled;
  }

  private static URI url(String setting, String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Setting " + setting + " has '" + text + "', which is not a URL", e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new ConfigException(
          "Setting "
              + setting
              + " has '"
              + text
              + "', which is invalid: expected a URL such as http://host:9324/000000000000/queue");
    }
    return uri;
  }
}
