package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.integrations.Integration;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * S3 through Step Functions' AWS SDK integration: {@code arn:aws:states:::aws-sdk:s3:getObject},
 * {@code putObject}, {@code listObjectsV2}, {@code copyObject}, {@code deleteObject} and {@code
 * headObject}, against AWS S3 or any S3-compatible store, with the AWS SDK's asynchronous client
 * (no thread waits for S3).
 *
 * <p>Parameters are the S3 API's members in PascalCase ({@code Bucket}, {@code Key}, {@code Body},
 * {@code ContentType}, {@code Prefix}, {@code MaxKeys}, {@code ContinuationToken}, {@code
 * CopySource}...), results the SDK response's members ({@code ETag}, {@code ContentLength}, {@code
 * LastModified}, {@code Contents}, {@code IsTruncated}, {@code NextContinuationToken}...). Failures
 * are named as Step Functions names them: {@code S3.NoSuchKeyException}, {@code
 * S3.NoSuchBucketException}, {@code S3.S3Exception} for other service errors, {@code
 * S3.SdkClientException} when S3 cannot be reached, {@code States.DataLimitExceeded} for an object
 * larger than 256 KiB, {@code States.Runtime} for parameters the action does not take.
 */
public final class S3Integration implements Integration, AutoCloseable {

  private static final Pattern RESOURCE =
      Pattern.compile("arn:aws[a-z-]*:states:::aws-sdk:s3:([A-Za-z0-9]+)");

  private final S3AsyncClient s3;

  private S3Integration(S3AsyncClient s3) {
    this.s3 = Objects.requireNonNull(s3, "s3");
  }

  /**
   * An integration that calls S3 through this client; closing the integration closes the client.
   */
  public static S3Integration using(S3AsyncClient s3) {
    return new S3Integration(s3);
  }

  /** An integration with a client made from these settings. */
  public static S3Integration create(S3IntegrationConfig config) {
    return using(config.newClient());
  }

  /** The client, for the Distributed Map's reader and writer, which share it. */
  S3AsyncClient client() {
    return s3;
  }

  @Override
  public boolean serves(String resource) {
    return action(resource).isPresent();
  }

  @Override
  public CompletableFuture<JsonNode> call(IntegrationCall call) {
    S3Action action =
        action(call.resource())
            .orElseThrow(
                () -> new IllegalArgumentException("Not an S3 task resource: " + call.resource()));
    if (!call.parameters().isObject()) {
      return CompletableFuture.failedFuture(
          AwsFailures.invalidParameters(
              call.parameters(), List.of("The parameters must be a JSON object")));
    }
    List<String> problems = new ArrayList<>();
    SdkRequest request = action.request(call.parameters(), problems);
    if (!problems.isEmpty()) {
      return CompletableFuture.failedFuture(
          AwsFailures.invalidParameters(call.parameters(), problems));
    }
    CompletableFuture<JsonNode> result;
    try {
      result = action.call(s3, request, call.parameters());
    } catch (RuntimeException e) {
      // The SDK checks some requests before sending them (e.g. a bucket name it cannot route).
      return CompletableFuture.failedFuture(AwsFailures.s3(e));
    }
    return AwsFailures.mapped(result, AwsFailures::s3);
  }

  private static Optional<S3Action> action(String resource) {
    Matcher matcher = RESOURCE.matcher(resource);
    return matcher.matches() ? S3Action.named(matcher.group(1)) : Optional.empty();
  }

  @Override
  public void close() {
    s3.close();
  }
}
