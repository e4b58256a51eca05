package io.pipeline.localstack.s3;

import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One bucket notification configuration of the embedded S3 server: objects created under {@code
 * prefix} and ending in {@code suffix} are announced on an SQS queue, as S3's {@code
 * s3:ObjectCreated:*} → SQS configuration does.
 *
 * @param id the configuration id, sent as {@code configurationId}
 * @param sqs the client that sends to the queue
 * @param queueUrl the queue
 * @param prefix keys must start with it; empty for all
 * @param suffix keys must end with it; empty for all
 */
record NotificationRule(String id, SqsClient sqs, String queueUrl, String prefix, String suffix) {

  NotificationRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sqs, "sqs");
    Objects.requireNonNull(queueUrl, "queueUrl");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(suffix, "suffix");
  }

  boolean matches(String key) {
    return key.startsWith(prefix) && key.endsWith(suffix);
  }
}
