package io.pipeline.localstack.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQS message bodies S3 sends: an event notification (event structure version 2.1) and the
 * {@code s3:TestEvent} sent when a notification configuration is set.
 */
final class S3EventMessages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private S3EventMessages() {}

  /**
   * One object-created notification.
   *
   * @param eventName e.g. {@code ObjectCreated:Put}
   * @param key the object key, not encoded: it is URL-encoded here as S3 does
   */
  static String objectCreated(
      String region,
      String configurationId,
      String eventName,
      String bucket,
      String key,
      long size,
      String etag,
      Optional<String> versionId,
      String sequencer,
      Instant eventTime) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode record = root.putArray("Records").addObject();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", region);
    record.put("eventTime", eventTime.toString());
    record.put("eventName", eventName);
    record.putObject("userIdentity").put("principalId", "AWS:pipeline");
    record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    record
        .putObject("responseElements")
        .put("x-amz-request-id", requestId.toUpperCase())
        .put("x-amz-id-2", requestId);
    ObjectNode s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", configurationId);
    ObjectNode bucketNode = s3.putObject("bucket");
    bucketNode.put("name", bucket);
    bucketNode.putObject("ownerIdentity").put("principalId", "pipeline");
    bucketNode.put("arn", "arn:aws:s3:::" + bucket);
    ObjectNode object = s3.putObject("object");
    object.put("key", encodeKey(key));
    object.put("size", size);
    object.put("eTag", etag);
    versionId.ifPresent(v -> object.put("versionId", v));
    object.put("sequencer", sequencer);
    return root.toString();
  }

  /** The message S3 sends to a queue when a notification configuration names it. */
  static String testEvent(String bucket, Instant time) {
    ObjectNode root = JSON.createObjectNode();
    root.put("Service", "Amazon S3");
    root.put("Event", "s3:TestEvent");
    root.put("Time", time.toString());
    root.put("Bucket", bucket);
    root.put("RequestId", UUID.randomUUID().toString());
    root.put("HostId", "pipeline-localstack");
    return root.toString();
  }

  /**
   * Encodes a key as S3 does in notifications: form encoding (a space becomes {@code +}, a plus
   * {@code %2B}), with the slashes left as they are.
   */
  static String encodeKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }
}
