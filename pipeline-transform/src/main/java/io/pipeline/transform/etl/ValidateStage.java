package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.client.worker.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The {@code etl-validate} activity: decides whether an object is loaded, from its metadata and its
 * first bytes only. An object is skipped when a manifest records the load of the same content (same
 * ETag and size) at its path, or when it changed since the event that named it (the newer version's
 * own event loads it). It is refused ({@value EtlErrors#INVALID_OBJECT}) when it is empty, over
 * {@code ETL_MAX_OBJECT_BYTES}, of no known format, or starts with a header that does not fit the
 * schema.
 *
 * <p>Input: the object ({@code bucket}, {@code key}, optional {@code etag} and {@code versionId}),
 * such as an {@code S3ObjectEvent}. Output: {@link Validation#toJson()}.
 */
final class ValidateStage implements TaskHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final EtlConfig config;

  ValidateStage(S3Client s3, EtlConfig config) {
    this.s3 = s3;
    this.config = config;
  }

  @Override
  public JsonNode handle(ActivityTask task) throws TaskFailedException {
    return validate(ObjectRef.fromJson(task.input())).toJson();
  }

  /** Validates an object, at the ETag named if any. */
  Validation validate(ObjectRef requested) throws TaskFailedException {
    HeadObjectResponse head = head(requested);
    ObjectRef current = requested.withEtag(head.eTag());
    ObjectPaths paths = config.paths(requested.bucket(), requested.key());
    Validation.Builder result =
        new Validation.Builder(current, head, paths, config.schema().getFullName());
    if (requested.etag().isPresent() && !requested.etag().equals(current.etag())) {
      return result.skip(
          "the object changed since the event named it (ETag "
              + requested.etag().get()
              + ", now "
              + current.etag().orElse("none")
              + "): its newer version is loaded on its own event");
    }
    Optional<String> loadedBy = loadedBy(current, head.contentLength(), paths);
    if (loadedBy.isPresent()) {
      return result.skip(loadedBy.get());
    }
    long size = head.contentLength();
    if (size == 0) {
      throw EtlErrors.invalidObject(current, "is empty");
    }
    if (size > config.maxObjectBytes()) {
      throw EtlErrors.invalidObject(
          current,
          "is "
              + size
              + " bytes, over the limit of "
              + config.maxObjectBytes()
              + " (ETL_MAX_OBJECT_BYTES)");
    }
    DataFormat format =
        DataFormat.detect(current.key(), Optional.ofNullable(head.contentType()))
            .orElseThrow(
                () ->
                    EtlErrors.invalidObject(
                        current,
                        "has no format the workers read (content type "
                            + head.contentType()
                            + "); expected "
                            + DataFormat.recognised()));
    List<String> problems =
        HeaderCheck.problems(
            format, firstBytes(current, size), size <= HeaderCheck.HEAD_BYTES, config.schema());
    if (!problems.isEmpty()) {
      throw EtlErrors.invalidObject(
          current,
          "is not "
              + format
              + " of schema "
              + config.schema().getName()
              + ": "
              + String.join("; ", problems));
    }
    return result.load(format);
  }

  private HeadObjectResponse head(ObjectRef object) throws TaskFailedException {
    HeadObjectRequest.Builder request =
        HeadObjectRequest.builder().bucket(object.bucket()).key(object.key());
    object.versionId().ifPresent(request::versionId);
    try {
      return s3.headObject(request.build());
    } catch (RuntimeException e) {
      throw EtlErrors.classify(object, "reading the object's metadata", e);
    }
  }

  /**
   * Why the object needs no load: a manifest at its path records a load of the same content.
   *
   * @return empty when it must be loaded
   */
  private Optional<String> loadedBy(ObjectRef object, long size, ObjectPaths paths)
      throws TaskFailedException {
    JsonNode manifest;
    try {
      ResponseBytes<GetObjectResponse> bytes =
          s3.getObjectAsBytes(b -> b.bucket(paths.bucket()).key(paths.manifestKey()));
      manifest = JSON.readTree(bytes.asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (IOException e) {
      // A manifest that is not JSON records nothing: load again, and the catalog replaces it.
      return Optional.empty();
    } catch (RuntimeException e) {
      throw EtlErrors.classify(object, "reading its manifest " + paths.manifestKey(), e);
    }
    JsonNode source = manifest.path("source");
    boolean same =
        object.etag().isPresent()
            && source.path("etag").asText("").equals(object.etag().get())
            && source.path("bytes").asLong(-1) == size;
    return same
        ? Optional.of(
            "already loaded: manifest s3://"
                + paths.bucket()
                + "/"
                + paths.manifestKey()
                + " records this content (ETag "
                + object.etag().get()
                + ", "
                + size
                + " bytes), loaded at "
                + manifest.path("finishedAt").asText("?"))
        : Optional.empty();
  }

  private byte[] firstBytes(ObjectRef object, long size) throws TaskFailedException {
    long last = Math.min(size, HeaderCheck.HEAD_BYTES) - 1;
    try (InputStream in =
        s3.getObject(
            b -> {
              b.bucket(object.bucket()).key(object.key()).range("bytes=0-" + last);
              object.etag().ifPresent(etag -> b.ifMatch("\"" + etag + "\""));
              object.versionId().ifPresent(b::versionId);
            })) {
      return in.readNBytes((int) last + 1);
    } catch (IOException | RuntimeException e) {
      throw EtlErrors.classify(object, "reading its first bytes", e);
    }
  }
}
