package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The S3 API actions S3 tasks can call, by the name in their resource ({@code
 * arn:aws:states:::aws-sdk:s3:<name>}). Parameters and results are the API's members (see {@link
 * SdkJson}); the object's content travels as {@code Body}: the JSON text of the value on {@code
 * putObject} (a JSON string is written with its quotes, as AWS writes it), the object's bytes as
 * UTF-8 text on {@code getObject}, which reads at most AWS's 256 KiB payload limit.
 */
enum S3Action {
  GET_OBJECT("getObject", GetObjectRequest::builder, Set.of()) {
    @Override
    CompletableFuture<JsonNode> call(S3AsyncClient s3, SdkRequest request, JsonNode parameters) {
      GetObjectRequest get = (GetObjectRequest) request;
      CappedBody<GetObjectResponse> body =
          new CappedBody<>(
              CappedBody.PAYLOAD_LIMIT,
              "s3://" + get.bucket() + "/" + get.key(),
              response -> response.contentLength() == null ? -1 : response.contentLength());
      return s3.getObject(get, body)
          .thenApply(
              read -> {
                ObjectNode result = SdkJson.toJson(read.response());
                result.put("Body", new String(read.body(), StandardCharsets.UTF_8));
                return result;
              });
    }
  },
  PUT_OBJECT("putObject", PutObjectRequest::builder, Set.of("Body")) {
    @Override
    CompletableFuture<JsonNode> call(S3AsyncClient s3, SdkRequest request, JsonNode parameters) {
      JsonNode body = parameters.get("Body");
      byte[] bytes = body == null ? new byte[0] : jsonText(body);
      return s3.putObject((PutObjectRequest) request, AsyncRequestBody.fromBytes(bytes))
          .thenApply(SdkJson::toJson);
    }
  },
  LIST_OBJECTS_V2("listObjectsV2", ListObjectsV2Request::builder, Set.of()) {
    @Override
    CompletableFuture<JsonNode> call(S3AsyncClient s3, SdkRequest request, JsonNode parameters) {
      return s3.listObjectsV2((ListObjectsV2Request) request).thenApply(SdkJson::toJson);
    }
  },
  COPY_OBJECT(
      "copyObject",
      CopyObjectRequest::builder,
      Set.of(),
      // The SDK calls the destination DestinationBucket and DestinationKey, and adds a source
      // bucket, key and version of its own; the API, and tasks, have Bucket, Key and CopySource.
      new SdkJson.ApiMembers(
          Map.of("Bucket", "DestinationBucket", "Key", "DestinationKey"),
          Set.of("SourceBucket", "SourceKey", "SourceVersionId"),
          Set.of("Bucket", "Key"))) {
    @Override
    CompletableFuture<JsonNode> call(S3AsyncClient s3, SdkRequest request, JsonNode parameters) {
      return s3.copyObject((CopyObjectRequest) request).thenApply(SdkJson::toJson);
    }
  },
  DELETE_OBJECT("deleteObject", DeleteObjectRequest::builder, Set.of()) {
    @Override
    CompletableFuture<JsonNode> call(S3AsyncClient s3, SdkRequest request, JsonNode parameters) {
      return s3.deleteObject((DeleteObjectRequest) request).thenApply(SdkJson::toJson);
    }
  },
  HEAD_OBJECT("headObject", HeadObjectRequest::builder, Set.of()) {
    @Override
    CompletableFuture<JsonNode> call(S3AsyncClient s3, SdkRequest request, JsonNode parameters) {
      return s3.headObject((HeadObjectRequest) request).thenApply(SdkJson::toJson);
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, S3Action> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(a -> a.apiName, a -> a));

  private final String apiName;
  private final java.util.function.Supplier<? extends SdkPojo> builder;
  private final Set<String> ownParameters;
  private final SdkJson.ApiMembers members;

  S3Action(
      String apiName,
      java.util.function.Supplier<? extends SdkPojo> builder,
      Set<String> ownParameters) {
    this(apiName, builder, ownParameters, SdkJson.ApiMembers.SAME);
  }

  S3Action(
      String apiName,
      java.util.function.Supplier<? extends SdkPojo> builder,
      Set<String> ownParameters,
      SdkJson.ApiMembers members) {
    this.apiName = apiName;
    this.members = members;
    this.builder = builder;
    this.ownParameters = ownParameters;
  }

  /** The action of this name in a resource, e.g. {@code getObject}. */
  static Optional<S3Action> named(String apiName) {
    return Optional.ofNullable(BY_NAME.get(apiName));
  }

  /** The name in the resource, e.g. {@code getObject}. */
  String apiName() {
    return apiName;
  }

  /**
   * The request the parameters describe.
   *
   * @param problems where each parameter that does not fit is described; when it is not empty
   *     afterwards, the request must not be sent
   */
  SdkRequest request(JsonNode parameters, java.util.List<String> problems) {
    SdkPojo request = builder.get();
    SdkJson.setMembers(request, parameters, ownParameters, members, problems);
    return (SdkRequest) ((SdkBuilder<?, ?>) request).build();
  }

  /** Sends the request; the future holds the task's result. */
  abstract CompletableFuture<JsonNode> call(
      S3AsyncClient s3, SdkRequest request, JsonNode parameters);

  private static byte[] jsonText(JsonNode value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always has a text", e);
    }
  }
}
