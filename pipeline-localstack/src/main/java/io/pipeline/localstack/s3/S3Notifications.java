package io.pipeline.localstack.s3;

import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The bucket notification configuration of the embedded S3 server: which buckets announce their new
 * objects on which SQS queues, in the message format of S3 event notifications.
 */
public final class S3Notifications {

  private final NotifyingBlobStore store;
  private final SqsClient sqs;

  S3Notifications(NotifyingBlobStore store, SqsClient sqs) {
    this.store = store;
    this.sqs = sqs;
  }

  /**
   * Announces every object created in the bucket on the queue. Like S3, sends the queue an {@code
   * s3:TestEvent} first.
   */
  public void toQueue(String bucket, String queueUrl) {
    toQueue(bucket, queueUrl, "", "");
  }

  /**
   * Announces the objects created in the bucket whose keys start with {@code prefix} and end with
   * {@code suffix} on the queue. Like S3, sends the queue an {@code s3:TestEvent} first.
   */
  public void toQueue(String bucket, String queueUrl, String prefix, String suffix) {
    store.addRule(
        bucket,
        new NotificationRule(
            "pipeline-" + UUID.randomUUID().toString().substring(0, 8),
            sqs,
            queueUrl,
            prefix,
            suffix));
  }
}
