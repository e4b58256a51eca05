package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The validate activity's verdict on an object: load it, or skip it and why.
 *
 * @param action what the state machine does next
 * @param reason why it is skipped
 * @param object the object, at its current ETag
 * @param size its size in bytes
 * @param contentType its content type, if it has one
 * @param lastModified when it was written
 * @param format its format, when it is loaded
 * @param schemaName the full name of the schema its rows are loaded with
 * @param paths where its load writes
 */
record Validation(
    Action action,
    Optional<String> reason,
    ObjectRef object,
    long size,
    Optional<String> contentType,
    Optional<Instant> lastModified,
    Optional<DataFormat> format,
    String schemaName,
    ObjectPaths paths) {

  /** What the state machine does with the object. */
  enum Action {
    LOAD,
    SKIP
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("action", action.name());
    json.put("reason", reason.orElse(null));
    object.writeTo(json);
    json.put("size", size);
    json.put("contentType", contentType.orElse(null));
    json.put("lastModified", lastModified.map(Instant::toString).orElse(null));
    json.put("format", format.map(DataFormat::name).orElse(null));
    json.put("schema", schemaName);
    json.put("outputBucket", paths.bucket());
    json.put("curatedKey", paths.curatedKey());
    json.put("quarantineKey", paths.quarantineKey());
    json.put("manifestKey", paths.manifestKey());
    return json;
  }

  /** Collects what every verdict says about the object. */
  static final class Builder {
    private final ObjectRef object;
    private final HeadObjectResponse head;
    private final ObjectPaths paths;
    private final String schemaName;

    Builder(ObjectRef object, HeadObjectResponse head, ObjectPaths paths, String schemaName) {
      this.object = object;
      this.head = head;
      this.paths = paths;
      this.schemaName = schemaName;
    }

    Validation load(DataFormat format) {
      return build(Action.LOAD, Optional.empty(), Optional.of(format));
    }

    Validation skip(String reason) {
      return build(Action.SKIP, Optional.of(reason), Optional.empty());
    }

    private Validation build(Action action, Optional<String> reason, Optional<DataFormat> format) {
      return new Validation(
          action,
          reason,
          object,
          head.contentLength(),
          Optional.ofNullable(head.contentType()),
          Optional.ofNullable(head.lastModified()),
          format,
          schemaName,
          paths);
    }
  }
}
