package io.pipeline.localstack.s3;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A blob store that announces created objects on SQS queues, as S3 does for a bucket with an {@code
 * s3:ObjectCreated:*} → SQS notification configuration. S3Proxy sends no notifications of its own,
 * so the embedded S3 server wraps its store in this one.
 *
 * <p>The notification is sent before the upload's response, so it is in the queue when the client
 * sees the object; a failed send is logged and does not fail the upload (S3 does not either).
 * Sequencers increase with every event, so they increase per key as S3's do.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

  private static final Logger log = LoggerFactory.getLogger(NotifyingBlobStore.class);

  /** S3Proxy keeps a multipart upload's state in a blob of this name; it is no object. */
  private static final String MULTIPART_STUB = ".s3proxy-mpu-stub-";

  private final String region;
  private final Clock clock;
  private final Map<String, List<NotificationRule>> rules = new ConcurrentHashMap<>();
  private final AtomicLong sequencer;

  NotifyingBlobStore(BlobStore delegate, String region, Clock clock) {
    super(delegate);
    this.region = region;
    this.clock = clock;
    // Seeded from the clock so a restarted server keeps increasing.
    this.sequencer = new AtomicLong(clock.millis() * 1_000_000L);
  }

  /** Adds a configuration and sends the queue the {@code s3:TestEvent} S3 sends. */
  void addRule(String bucket, NotificationRule rule) {
    rules.computeIfAbsent(bucket, b -> new CopyOnWriteArrayList<>()).add(rule);
    rule.sqs()
        .sendMessage(
            b ->
                b.queueUrl(rule.queueUrl())
                    .messageBody(S3EventMessages.testEvent(bucket, clock.instant())));
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    PutObjectResponse response = super.putBlob(request, content);
    if (request.key().contains(MULTIPART_STUB)) {
      return response;
    }
    announce("ObjectCreated:Put", request.bucket(), request.key());
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
    announce("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    CopyObjectResponse response = super.copyBlob(request);
    announce("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
    return response;
  }

  private void announce(String eventName, String bucket, String key) {
    List<NotificationRule> matching =
        rules.getOrDefault(bucket, List.of()).stream().filter(r -> r.matches(key)).toList();
    if (matching.isEmpty()) {
      return;
    }
    // What was stored, as a HEAD request shows it: size, ETag and version of this write.
    HeadObjectResponse head = delegate().blobMetadata(bucket, key);
    String sequence = String.format("%016X", sequencer.incrementAndGet());
    Instant now = clock.instant();
    for (NotificationRule rule : matching) {
      String body =
          S3EventMessages.objectCreated(
              region,
              rule.id(),
              eventName,
              bucket,
              key,
              head.contentLength() == null ? 0 : head.contentLength(),
              unquote(head.eTag()),
              Optional.ofNullable(head.versionId()).filter(v -> !v.equals("null")),
              sequence,
              now);
      try {
        rule.sqs().sendMessage(b -> b.queueUrl(rule.queueUrl()).messageBody(body));
      } catch (SdkException e) {
        log.warn("Notification of {}/{} to {} failed: {}", bucket, key, rule.queueUrl(), e);
      }
    }
  }

  private static String unquote(String etag) {
    if (etag == null) {
      return "";
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }
}
