package io.pipeline.cli.bench;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.s3.S3Settings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.ingest.s3.notify.S3NotificationConfig;
import io.pipeline.ingest.s3.notify.S3Notifications;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/** The S3 part of {@link IngestBench}: objects announced through SQS. */
final class S3NotificationRates {

  /** Objects per second: a plain SQS consumer's, the bridge's to the raw topic and to events. */
  record Rates(double sqsDrain, double raw, double events) {}

  private final LocalStack stack;
  private final KafkaSettings kafka;
  private final PipelineTopics topics;
  private final String run;
  private final IngestBench.Options options;

  S3NotificationRates(
      LocalStack stack,
      KafkaSettings kafka,
      PipelineTopics topics,
      String run,
      IngestBench.Options options) {
    this.stack = stack;
    this.kafka = kafka;
    this.topics = topics;
    this.run = run;
    this.options = options;
  }

  /**
   * S3 objects announced through SQS: the rate at which a plain SQS consumer drains a queue of
   * notifications (receive 10, delete in batch: the limit), then the rate of the notification
   * bridge on an identical queue, to the raw topic and on through the deduplication step.
   */
  Rates measure(IngestMetrics metrics) throws Exception {
    int objects = options.objects();
    if (objects == 0) {
      return new Rates(0, 0, 0);
    }
    String drainQueue = notifiedBucketWithObjects("bench-drain-" + run, objects);
    double drain = drainRate(drainQueue, objects);

    String bucket = "bench-bridge-" + run;
    String queue = notifiedBucketWithObjects(bucket, objects);
    S3Endpoint s3 = stack.s3();
    Settings settings =
        Settings.of(
            Map.of(
                "SQS_ENDPOINT", stack.sqs().uri().toString(),
                "S3_NOTIFICATIONS_SQS_QUEUE_URLS", queue,
                "S3_NOTIFICATIONS_APPLICATION_ID", "bench-dedup-" + run,
                "S3_NOTIFICATIONS_STATE_DIR", stack.dataDir().resolve("streams-" + run).toString(),
                "S3_ENDPOINT", s3.uri().toString(),
                "S3_REGION", s3.region(),
                "AWS_ACCESS_KEY_ID", s3.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", s3.secretAccessKey()));
    try (Arrivals raw =
            Arrivals.counting(
                kafka, PipelineTopics.S3_NOTIFICATIONS, key -> key.startsWith(bucket + "/"));
        Arrivals events =
            Arrivals.counting(
                kafka, PipelineTopics.S3_OBJECT_EVENTS, key -> key.startsWith(bucket + "/"))) {
      long start = System.nanoTime();
      try (S3Notifications bridge =
          S3Notifications.start(
              S3NotificationConfig.from(settings),
              kafka,
              topics,
              S3Settings.from(settings),
              metrics)) {
        raw.awaitCount(objects, Duration.ofMinutes(5));
        double rawRate = objects / ((System.nanoTime() - start) / 1e9);
        events.awaitCount(objects, Duration.ofMinutes(5));
        double eventRate = objects / ((System.nanoTime() - start) / 1e9);
        return new Rates(drain, rawRate, eventRate);
      }
    }
  }

  /** A bucket that notifies a new queue, with objects put through the S3 API; the queue's URL. */
  private String notifiedBucketWithObjects(String bucket, int objects) {
    String queue = stack.sqs().createQueue(bucket);
    try (S3Client s3 = stack.s3().newClient()) {
      s3.createBucket(b -> b.bucket(bucket));
      stack.s3Notifications().toQueue(bucket, queue);
      byte[] body = new byte[options.size()];
      for (int i = 0; i < objects; i++) {
        String key = "in/object-" + i + ".json";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
      }
    }
    return queue;
  }

  private double drainRate(String queue, int objects) {
    try (SqsClient sqs = stack.sqs().newClient()) {
      int drained = 0;
      long start = System.nanoTime();
      while (drained < objects) {
        List<Message> messages =
            sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        if (messages.isEmpty()) {
          continue;
        }
        sqs.deleteMessageBatch(
            b ->
                b.queueUrl(queue)
                    .entries(
                        messages.stream()
                            .map(
                                m ->
                                    DeleteMessageBatchRequestEntry.builder()
                                        .id(m.messageId())
                                        .receiptHandle(m.receiptHandle())
                                        .build())
                            .toList()));
        drained += (int) messages.stream().filter(m -> !m.body().contains("s3:TestEvent")).count();
      }
      return objects / ((System.nanoTime() - start) / 1e9);
    }
  }
}
