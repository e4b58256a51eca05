package io.pipeline.cli;

import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.OrchestratorConfig;
import io.pipeline.orchestrator.api.ApiCredentials;
import io.pipeline.orchestrator.console.ConsoleConfig;
import io.pipeline.orchestrator.console.ConsoleUsers;
import io.pipeline.schemas.topic.PipelineTopics;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code ./pipeline up} prints once everything runs: each endpoint, how to reach it, and the
 * first commands to try.
 *
 * @param bucket the bucket whose new objects are ingested
 * @param listingInterval how often the bucket is listed when there are no notifications
 * @param triggerPrefix and {@code triggerStateMachine}: the shipped trigger
 * @param ownCredentials whether the API takes access keys of the user's own
 * @param ownConsoleUsers whether the console takes users of the user's own
 */
record ReadyBanner(
    String bucket,
    Duration listingInterval,
    String triggerPrefix,
    String triggerStateMachine,
    boolean ownCredentials,
    boolean ownConsoleUsers) {

  /** Where the parts answer. */
  record Endpoints(
      String kafka,
      S3Endpoint s3,
      Optional<String> sqsQueue,
      Optional<String> mqtt,
      URI ingest,
      URI api,
      URI console,
      URI transform) {}

  /**
   * Where the console answers and how to sign in to it.
   *
   * @param ownConsoleUsers whether the console takes users of the user's own
   */
  static String console(URI console, boolean ownConsoleUsers) {
    return console
        + "  ("
        + (ownConsoleUsers
            ? "users from " + ConsoleConfig.USERS.name()
            : "sign in as '"
                + ConsoleUsers.LOCAL_NAME
                + "', password '"
                + ConsoleUsers.LOCAL_PASSWORD
                + "'")
        + ")";
  }

  void print(PrintWriter out, Endpoints stack, Path data) {
    out.println();
    out.println("  Kafka bootstrap:  " + stack.kafka());
    out.println(
        "  S3 API:           "
            + stack.s3().uri()
            + "  (bucket '"
            + bucket
            + "', access key '"
            + stack.s3().accessKeyId()
            + "', secret '"
            + stack.s3().secretAccessKey()
            + "')");
    out.println(
        "  S3 events:        "
            + stack
                .sqsQueue()
                .map(q -> "notifications through SQS queue " + q)
                .orElse("bucket listed every " + listingInterval.toMillis() + " ms"));
    out.println("  MQTT:             " + stack.mqtt().orElse("(none)"));
    out.println("  Ingest HTTP:      " + stack.ingest() + "  (/topics/<topic>, /metrics, /health)");
    out.println("  Transform:        " + stack.transform() + "  (/metrics, /health)");
    out.println(
        "  Step Functions:   "
            + stack.api()
            + "  (aws stepfunctions --endpoint-url; "
            + (ownCredentials
                ? "access keys from " + OrchestratorConfig.CREDENTIALS.name()
                : "access key '"
                    + ApiCredentials.LOCAL_ACCESS_KEY_ID
                    + "', secret '"
                    + ApiCredentials.LOCAL_SECRET_ACCESS_KEY
                    + "'")
            + ")");
    out.println("  Console:          " + console(stack.console(), ownConsoleUsers));
    out.println(
        "  Trigger:          new objects under s3://"
            + bucket
            + "/"
            + triggerPrefix
            + " start state machine '"
            + triggerStateMachine
            + "' (create it first)");
    out.println("  Data:             " + data);
    out.println();
    out.println(
        "Produce: curl -X POST "
            + stack.ingest()
            + "/topics/"
            + PipelineTopics.IOT_TELEMETRY
            + " -H 'Content-Type: application/json' -d '{\"records\": [{\"key\": \"d1\","
            + " \"value\": {\"readingId\": \"r1\", \"deviceId\": \"d1\", \"metric\":"
            + " \"temp\", \"value\": 21.5, \"eventTime\": \"2026-01-01T00:00:00Z\"}}]}'");
    out.println(
        "Workflows: aws stepfunctions --endpoint-url "
            + stack.api()
            + " create-state-machine --name hello --role-arn"
            + " arn:aws:iam::000000000000:role/pipeline --definition"
            + " '{\"StartAt\": \"Hi\", \"States\": {\"Hi\": {\"Type\": \"Pass\", \"End\":"
            + " true}}}'");
    out.println();
    out.println("Pipeline is ready. Press Ctrl-C to stop.");
    out.flush();
  }
}
