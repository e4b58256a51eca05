package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.Settings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Each S3 action against the local stack's S3 server, configured as an operator would. */
@ExtendWith(LocalStackExtension.class)
class S3IntegrationIT {

  private static final String S3 = "arn:aws:states:::aws-sdk:s3:";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  private static S3Client s3;
  private static S3Integration integration;
  private String bucket;

  @BeforeAll
  static void connect(LocalStack stack) {
    S3Endpoint endpoint = stack.s3();
    s3 = endpoint.newClient();
    integration =
        S3Integration.create(
            S3IntegrationConfig.from(
                Settings.of(
                    Map.of(
                        "ORCHESTRATOR_S3_ENDPOINT", endpoint.uri().toString(),
                        "ORCHESTRATOR_S3_REGION", endpoint.region(),
                        "ORCHESTRATOR_S3_ACCESS_KEY_ID", endpoint.accessKeyId(),
                        "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", endpoint.secretAccessKey()))));
  }

  @AfterAll
  static void close() {
    integration.close();
    s3.close();
  }

  @BeforeEach
  void createBucket() {
    bucket = LocalStack.uniqueName("tasks");
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Test
  void shouldWriteTheJsonTextOfBodyWhenPuttingAnObject() throws Exception {
    // when
    JsonNode result =
        call(
            "putObject",
            "{\"Bucket\":\"%s\",\"Key\":\"orders/1.json\",\"ContentType\":\"application/json\","
                + "\"Metadata\":{\"source\":\"tasks\"},\"Body\":{\"orderId\":1,\"items\":[\"a\"]}}");

    // then
    ResponseBytes<GetObjectResponse> stored =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("orders/1.json"));
    assertThat(stored.asUtf8String()).isEqualTo("{\"orderId\":1,\"items\":[\"a\"]}");
    assertThat(stored.response().contentType()).isEqualTo("application/json");
    assertThat(stored.response().metadata()).containsEntry("source", "tasks");
    assertThat(result.get("ETag").textValue()).isEqualTo(stored.response().eTag());
  }

  @Test
  void shouldWriteAStringBodyWithItsQuotesAsAwsDoes() throws Exception {
    // when
    call("putObject", "{\"Bucket\":\"%s\",\"Key\":\"note.txt\",\"Body\":\"text data\"}");

    // then
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("note.txt")).asUtf8String())
        .isEqualTo("\"text data\"");
  }

  @Test
  void shouldAnswerWithBodyAsTextAndTheObjectsMembersWhenGettingAnObject() throws Exception {
    // given
    s3.putObject(
        b ->
            b.bucket(bucket)
                .key("in/hello.txt")
                .contentType("text/plain")
                .metadata(Map.of("k", "v")),
        RequestBody.fromString("héllo"));

    // when
    JsonNode result = call("getObject", "{\"Bucket\":\"%s\",\"Key\":\"in/hello.txt\"}");

    // then
    assertThat(result.get("Body").textValue()).isEqualTo("héllo");
    assertThat(result.get("ContentLength").longValue()).isEqualTo(6);
    assertThat(result.get("ContentType").textValue()).isEqualTo("text/plain");
    assertThat(result.get("ETag").textValue()).startsWith("\"").endsWith("\"");
    assertThat(result.get("LastModified").textValue()).matches(ISO_MILLIS);
    assertThat(result.get("Metadata")).isEqualTo(json("{\"k\":\"v\"}"));
    List<String> names = new ArrayList<>();
    result.fieldNames().forEachRemaining(names::add);
    assertThat(names.get(names.size() - 1)).as("Body comes last, as in AWS").isEqualTo("Body");
    List<String> members = names.subList(0, names.size() - 1);
    assertThat(members).as("members in alphabetical order, as AWS gives them").isSorted();
  }

  @Test
  void shouldAnswerWithTheObjectsMembersWithoutBodyWhenHeadingAnObject() throws Exception {
    // given
    s3.putObject(b -> b.bucket(bucket).key("data.csv"), RequestBody.fromString("a,b\n1,2\n"));

    // when
    JsonNode result = call("headObject", "{\"Bucket\":\"%s\",\"Key\":\"data.csv\"}");

    // then
    assertThat(result.get("ContentLength").longValue()).isEqualTo(8);
    assertThat(result.get("LastModified").textValue()).matches(ISO_MILLIS);
    assertThat(result.has("ETag")).isTrue();
    assertThat(result.has("Body")).isFalse();
  }

  @Test
  void shouldCopyTheObjectWhenCopyingFromCopySource() throws Exception {
    // given
    s3.putObject(b -> b.bucket(bucket).key("src.txt"), RequestBody.fromString("copy me"));

    // when
    JsonNode result =
        call(
            "copyObject",
            "{\"Bucket\":\"%1$s\",\"Key\":\"dst.txt\",\"CopySource\":\"%1$s/src.txt\"}");

    // then
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst.txt")).asUtf8String())
        .isEqualTo("copy me");
    assertThat(result.at("/CopyObjectResult/ETag").isTextual()).isTrue();
    assertThat(result.at("/CopyObjectResult/LastModified").textValue()).matches(ISO_MILLIS);
  }

  @Test
  void shouldRemoveTheObjectWhenDeletingIt() throws Exception {
    // given
    s3.putObject(b -> b.bucket(bucket).key("old.txt"), RequestBody.fromString("old"));

    // when
    JsonNode result = call("deleteObject", "{\"Bucket\":\"%s\",\"Key\":\"old.txt\"}");

    // then
    assertThat(result.isObject()).isTrue();
    assertThat(
            catchThrowableOfType(
                () -> s3.headObject(b -> b.bucket(bucket).key("old.txt")),
                NoSuchKeyException.class))
        .isNotNull();
  }

  @Test
  void shouldPageThroughTheListingWhenFollowingNextContinuationToken() throws Exception {
    // given
    for (String key : List.of("logs/a", "logs/b", "logs/c", "logs/d", "logs/e", "other/x")) {
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
    }
    List<String> keys = new ArrayList<>();
    List<Boolean> truncated = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    String token = null;

    // when
    do {
      String page =
          token == null
              ? "{\"Bucket\":\"%s\",\"Prefix\":\"logs/\",\"MaxKeys\":2}"
              : "{\"Bucket\":\"%s\",\"Prefix\":\"logs/\",\"MaxKeys\":2,\"ContinuationToken\":"
                  + MAPPER.writeValueAsString(token)
                  + "}";
      JsonNode result = call("listObjectsV2", page);
      result.get("Contents").forEach(item -> keys.add(item.get("Key").textValue()));
      truncated.add(result.get("IsTruncated").booleanValue());
      counts.add(result.get("KeyCount").intValue());
      JsonNode first = result.at("/Contents/0");
      assertThat(first.get("Size").longValue()).isEqualTo(6);
      assertThat(first.get("ETag").isTextual()).isTrue();
      assertThat(first.get("LastModified").textValue()).matches(ISO_MILLIS);
      token =
          result.hasNonNull("NextContinuationToken")
              ? result.get("NextContinuationToken").textValue()
              : null;
    } while (token != null);

    // then
    assertThat(keys).containsExactly("logs/a", "logs/b", "logs/c", "logs/d", "logs/e");
    assertThat(truncated).containsExactly(true, true, false);
    assertThat(counts).containsExactly(2, 2, 1);
  }

  @Test
  void shouldFailWithNoSuchKeyExceptionWhenTheObjectIsMissing() {
    // when
    TaskFailure failure = failure("getObject", "{\"Bucket\":\"%s\",\"Key\":\"missing.txt\"}");

    // then
    assertThat(failure.error()).isEqualTo("S3.NoSuchKeyException");
    assertThat(failure.cause())
        .startsWith(
            "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ")
        .endsWith(")")
        .doesNotContain("Attempt Count");
  }

  @Test
  void shouldFailWithNoSuchKeyExceptionWhenHeadingAMissingObject() {
    TaskFailure failure = failure("headObject", "{\"Bucket\":\"%s\",\"Key\":\"missing.txt\"}");

    assertThat(failure.error()).isEqualTo("S3.NoSuchKeyException");
    assertThat(failure.cause()).contains("(Service: S3, Status Code: 404, Request ID: ");
  }

  @Test
  void shouldFailWithNoSuchBucketExceptionWhenTheBucketIsMissing() {
    // when
    TaskFailure failure =
        failure(
            "putObject",
            "{\"Bucket\":\"" + LocalStack.uniqueName("absent") + "\",\"Key\":\"k\",\"Body\":{}}");

    // then
    assertThat(failure.error()).isEqualTo("S3.NoSuchBucketException");
    assertThat(failure.cause()).contains("Service: S3, Status Code: 404");
  }

  @Test
  void shouldReadAnObjectOfExactlyThePayloadLimit() throws Exception {
    // given
    byte[] content = new byte[CappedBody.PAYLOAD_LIMIT];
    Arrays.fill(content, (byte) 'x');
    s3.putObject(b -> b.bucket(bucket).key("limit.txt"), RequestBody.fromBytes(content));

    // when
    JsonNode result = call("getObject", "{\"Bucket\":\"%s\",\"Key\":\"limit.txt\"}");

    // then
    assertThat(result.get("Body").textValue()).hasSize(CappedBody.PAYLOAD_LIMIT);
  }

  @Test
  void shouldFailWithDataLimitExceededWhenTheObjectIsLargerThan256KiB() {
    // given
    byte[] content = new byte[CappedBody.PAYLOAD_LIMIT + 1];
    Arrays.fill(content, (byte) 'x');
    s3.putObject(b -> b.bucket(bucket).key("big.txt"), RequestBody.fromBytes(content));

    // when
    TaskFailure failure = failure("getObject", "{\"Bucket\":\"%s\",\"Key\":\"big.txt\"}");

    // then
    assertThat(failure.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(failure.cause())
        .contains("s3://" + bucket + "/big.txt")
        .contains(String.valueOf(CappedBody.PAYLOAD_LIMIT + 1))
        .contains("256 KiB");
  }

  private JsonNode call(String action, String parameters) throws Exception {
    return integration.call(task(action, parameters)).get(30, TimeUnit.SECONDS);
  }

  private TaskFailure failure(String action, String parameters) {
    ExecutionException thrown =
        catchThrowableOfType(
            () -> integration.call(task(action, parameters)).get(30, TimeUnit.SECONDS),
            ExecutionException.class);
    assertThat(thrown).as("the call fails").isNotNull();
    assertThat(thrown.getCause()).isInstanceOf(TaskFailure.class);
    return (TaskFailure) thrown.getCause();
  }

  private IntegrationCall task(String action, String parameters) {
    return new IntegrationCall(
        S3 + action,
        json(String.format(parameters, bucket)),
        "idempotency-key",
        "arn:aws:states:us-east-1:000000000000:execution:m:e");
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
