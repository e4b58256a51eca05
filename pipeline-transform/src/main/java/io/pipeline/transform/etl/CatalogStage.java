package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.client.worker.TaskHandler;
import java.time.Clock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code etl-catalog} activity: writes the manifest of a load to {@code
 * catalog/<path>.manifest.json} and returns it. The manifest is the transform's output (source
 * object, ETag, counts, checksums, schema, topic, curated and quarantine keys, times) with {@code
 * manifestVersion}, {@code manifestKey}, {@code cataloguedAt} and the {@code executionArn}. Its
 * presence is what makes a later event for the same content a skip ({@link ValidateStage}), so it
 * is written only after the rows are committed. Writing it again replaces it: the activity is
 * idempotent.
 *
 * <p>Input: the transform activity's output.
 */
final class CatalogStage implements TaskHandler {

  static final int MANIFEST_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final EtlConfig config;
  private final Clock clock;

  CatalogStage(S3Client s3, EtlConfig config, Clock clock) {
    this.s3 = s3;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public JsonNode handle(ActivityTask task) throws TaskFailedException {
    return catalog(task.input(), task.executionArn());
  }

  /** Writes the manifest of a load. */
  ObjectNode catalog(JsonNode load, String executionArn) throws TaskFailedException {
    JsonNode source = load.path("source");
    ObjectRef object = ObjectRef.fromJson(source);
    if (object.etag().isEmpty() || !load.path("curated").path("key").isTextual()) {
      throw new TaskFailedException(
          EtlErrors.INVALID_INPUT,
          "The task input is not a transform's output (source.etag and curated.key are missing)");
    }
    ObjectPaths paths = config.paths(object.bucket(), object.key());
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("manifestVersion", MANIFEST_VERSION);
    manifest.setAll((ObjectNode) load);
    manifest.put("manifestKey", paths.manifestKey());
    manifest.put("cataloguedAt", clock.instant().toString());
    manifest.put("executionArn", executionArn);
    try {
      byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
      s3.putObject(
          b -> b.bucket(paths.bucket()).key(paths.manifestKey()).contentType("application/json"),
          RequestBody.fromBytes(body));
    } catch (Exception e) {
      throw EtlErrors.classify(object, "writing its manifest " + paths.manifestKey(), e);
    }
    return manifest;
  }
}
