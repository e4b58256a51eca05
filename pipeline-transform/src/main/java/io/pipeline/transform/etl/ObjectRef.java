package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.TaskFailedException;
import java.util.Objects;
import java.util.Optional;

/**
 * An S3 object as a task names it.
 *
 * @param bucket the bucket
 * @param key the key
 * @param etag the ETag without quotes, when known
 * @param versionId the version in a versioned bucket, when known
 */
record ObjectRef(String bucket, String key, Optional<String> etag, Optional<String> versionId) {

  ObjectRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    etag = etag.map(ObjectRef::unquoted).filter(e -> !e.isEmpty());
    versionId = versionId.filter(v -> !v.isEmpty());
  }

  /**
   * The object a task's input names: {@code bucket} and {@code key}, with optional {@code etag} and
   * {@code versionId}, as in an {@code S3ObjectEvent}.
   *
   * @throws TaskFailedException {@value EtlErrors#INVALID_INPUT} when bucket or key is missing
   */
  static ObjectRef fromJson(JsonNode input) throws TaskFailedException {
    String bucket = input.path("bucket").asText("");
    String key = input.path("key").asText("");
    if (!input.path("bucket").isTextual() || bucket.isEmpty()) {
      throw new TaskFailedException(
          EtlErrors.INVALID_INPUT, "The task input has no 'bucket' (a string): " + brief(input));
    }
    if (!input.path("key").isTextual() || key.isEmpty()) {
      throw new TaskFailedException(
          EtlErrors.INVALID_INPUT, "The task input has no 'key' (a string): " + brief(input));
    }
    return new ObjectRef(bucket, key, text(input, "etag"), text(input, "versionId"));
  }

  /** Writes the object's fields into a JSON object. */
  void writeTo(ObjectNode json) {
    json.put("bucket", bucket);
    json.put("key", key);
    json.put("etag", etag.orElse(null));
    json.put("versionId", versionId.orElse(null));
  }

  /** The same object at a known ETag. */
  ObjectRef withEtag(String etag) {
    return new ObjectRef(bucket, key, Optional.ofNullable(etag), versionId);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }

  private static Optional<String> text(JsonNode input, String field) {
    JsonNode value = input.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static String unquoted(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  private static String brief(JsonNode input) {
    String text = input.toString();
    return text.length() > 200 ? text.substring(0, 197) + "..." : text;
  }
}
