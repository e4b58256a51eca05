package io.pipeline.cli;

import io.pipeline.localstack.process.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code ./pipeline up} in a child JVM: the whole stack as a user starts it, for the tests. */
final class UpJvm {

  /**
   * The ports it listens on; 0 for any free one (the transform service always takes one).
   *
   * @param kafka the Kafka broker's
   * @param s3 the S3 server's
   * @param mqtt the MQTT broker's
   * @param http the ingest HTTP endpoint's
   * @param sqs the SQS server's
   * @param api the Step Functions API's and the console's
   */
  record Ports(int kafka, int s3, int mqtt, int http, int sqs, int api) {}

  private UpJvm() {}

  /**
   * Starts it.
   *
   * @param dataDir where it keeps its data
   * @param environment further environment variables
   * @param log where its output goes
   */
  static ChildJvm start(Path dataDir, Ports ports, Map<String, String> environment, Path log) {
    return ChildJvm.start(
        PipelineCli.class,
        List.of(
            "up",
            "--data-dir",
            dataDir.toString(),
            "--kafka-port",
            String.valueOf(ports.kafka()),
            "--s3-port",
            String.valueOf(ports.s3()),
            "--mqtt-port",
            String.valueOf(ports.mqtt()),
            "--http-port",
            String.valueOf(ports.http()),
            "--sqs-port",
            String.valueOf(ports.sqs()),
            "--api-port",
            String.valueOf(ports.api()),
            "--transform-port",
            "0"),
        environment,
        log);
  }
}
