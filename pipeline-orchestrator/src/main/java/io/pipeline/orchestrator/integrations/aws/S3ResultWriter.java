package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.integrations.Integration;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A Distributed Map's {@code ResultWriter} to S3 ({@code arn:aws:states:::s3:putObject} with {@code
 * Parameters} {@code Bucket} and {@code Prefix}, and optionally {@code WriterConfig}): writes the
 * Map's results as {@link ResultFiles} lays them out, the manifest last, and answers what Step
 * Functions gives as the Map's result, {@code {"MapRunArn": ..., "ResultWriterDetails": {"Bucket":
 * ..., "Key": "<Prefix>/<map run id>/manifest.json"}}}.
 *
 * <p>The engine asks with a task whose input is the {@code ResultWriter} with its {@code
 * Parameters} (or {@code Arguments}) evaluated, and {@code Results}. A call made again after a
 * crash has the same idempotency key, so the same Map Run id: it writes the same keys over. S3's
 * failures are named as the S3 integration names them; the engine reports them as the Map's {@code
 * States.ResultWriterFailed}.
 */
public final class S3ResultWriter implements Integration {

  /** A result file is split before it passes 4 MiB. */
  static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  private static final Pattern RESOURCE = Pattern.compile("arn:aws[a-z-]*:states:::s3:putObject");

  private final S3AsyncClient s3;
  private final int maxFileBytes;

  private S3ResultWriter(S3AsyncClient s3, int maxFileBytes) {
    this.s3 = s3;
    this.maxFileBytes = maxFileBytes;
  }

  /** A writer that calls S3 through the S3 integration's client. */
  public static S3ResultWriter sharing(S3Integration s3) {
    return new S3ResultWriter(s3.client(), MAX_FILE_BYTES);
  }

  /** A writer that splits result files at another size, e.g. for tests. */
  static S3ResultWriter using(S3AsyncClient s3, int maxFileBytes) {
    return new S3ResultWriter(s3, maxFileBytes);
  }

  @Override
  public boolean serves(String resource) {
    return RESOURCE.matcher(resource).matches();
  }

  @Override
  public CompletableFuture<JsonNode> call(IntegrationCall call) {
    if (!serves(call.resource())) {
      throw new IllegalArgumentException("Not a ResultWriter resource: " + call.resource());
    }
    JsonNode request = call.parameters();
    JsonNode parameters =
        request.has("Arguments") ? request.get("Arguments") : request.path("Parameters");
    ResultFiles.Layout layout;
    String bucket;
    MapRun run =
        request.hasNonNull("MapRunArn")
            ? MapRun.named(request.get("MapRunArn").asText())
            : MapRun.of(call.executionArn(), call.idempotencyKey());
    try {
      bucket = bucket(parameters);
      String prefix = parameters.path("Prefix").asText("");
      String folder = prefix.isEmpty() ? run.id() : prefix.replaceFirst("/$", "") + "/" + run.id();
      JsonNode results = request.path("Results");
      if (!results.isArray()) {
        throw ResultFiles.failed("The ResultWriter's input has no array of Results: " + request);
      }
      layout =
          ResultFiles.of(
              results,
              request.path("Executions"),
              ResultFiles.WriterConfig.of(request.path("WriterConfig")),
              bucket,
              folder,
              run.arn(),
              maxFileBytes);
    } catch (TaskFailure failure) {
      return CompletableFuture.failedFuture(failure);
    }
    CompletableFuture<?>[] files =
        layout.files().stream().map(file -> put(bucket, file)).toArray(CompletableFuture[]::new);
    CompletableFuture<JsonNode> written =
        CompletableFuture.allOf(files)
            .thenCompose(all -> put(bucket, layout.manifest()))
            .thenApply(
                manifest -> {
                  ObjectNode answer = JsonNodeFactory.instance.objectNode();
                  answer.put("MapRunArn", run.arn());
                  answer
                      .putObject("ResultWriterDetails")
                      .put("Bucket", bucket)
                      .put("Key", layout.manifest().key());
                  return answer;
                });
    return AwsFailures.mapped(written, AwsFailures::s3);
  }

  private static String bucket(JsonNode parameters) {
    if (!parameters.isObject()) {
      throw ResultFiles.failed(
          "The ResultWriter needs Parameters (or Arguments) with a Bucket, was " + parameters);
    }
    for (Iterator<String> names = parameters.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("Bucket") && !name.equals("Prefix")) {
        throw ResultFiles.failed(
            "The ResultWriter's Parameters take Bucket and Prefix, not " + name);
      }
    }
    JsonNode bucket = parameters.path("Bucket");
    JsonNode prefix = parameters.path("Prefix");
    if (!bucket.isTextual() || bucket.textValue().isEmpty()) {
      throw ResultFiles.failed("The ResultWriter's Bucket must be a bucket name, was " + bucket);
    }
    if (!prefix.isMissingNode() && !prefix.isTextual()) {
      throw ResultFiles.failed("The ResultWriter's Prefix must be a string, was " + prefix);
    }
    return bucket.textValue();
  }

  private CompletableFuture<?> put(String bucket, ResultFiles.File file) {
    try {
      return s3.putObject(
          b -> b.bucket(bucket).key(file.key()).contentType("application/json"),
          AsyncRequestBody.fromBytes(file.body()));
    } catch (RuntimeException e) {
      // The SDK checks some requests before sending them (e.g. a bucket name it cannot route).
      return CompletableFuture.failedFuture(e);
    }
  }
}
