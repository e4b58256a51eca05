package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.Settings;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the S3 integration decides before S3 answers: which resources it serves, parameters it
 * refuses, an endpoint nobody listens on. The calls S3 answers are in {@link S3IntegrationIT}.
 */
class S3IntegrationTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static S3Integration s3;

  @BeforeAll
  static void create() throws IOException {
    // Port 1: nothing listens there (a port freed for the test could be taken meanwhile).
    int closedPort = 1;
    s3 =
        S3Integration.create(
            S3IntegrationConfig.from(
                Settings.of(
                    Map.of(
                        "ORCHESTRATOR_S3_ENDPOINT", "http://127.0.0.1:" + closedPort,
                        "ORCHESTRATOR_S3_ACCESS_KEY_ID", "test",
                        "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", "test-secret",
                        "ORCHESTRATOR_S3_CALL_TIMEOUT", "10s"))));
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void shouldServeTheSixS3ActionsInEveryPartition() {
    for (String action :
        new String[] {
          "getObject", "putObject", "listObjectsV2", "copyObject", "deleteObject", "headObject"
        }) {
      assertThat(s3.serves("arn:aws:states:::aws-sdk:s3:" + action)).as(action).isTrue();
      assertThat(s3.serves("arn:aws-cn:states:::aws-sdk:s3:" + action)).as(action).isTrue();
    }
  }

  @Test
  void shouldNotServeOtherActionsServicesOrPatterns() {
    assertThat(s3.serves("arn:aws:states:::aws-sdk:s3:listBuckets")).isFalse();
    assertThat(s3.serves("arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken")).isFalse();
    assertThat(s3.serves("arn:aws:states:::aws-sdk:sqs:sendMessage")).isFalse();
    assertThat(s3.serves("arn:aws:states:::s3:getObject")).isFalse();
    assertThat(s3.serves("arn:aws:states:::lambda:invoke")).isFalse();
  }

  @Test
  void shouldRefuseFieldsTheActionDoesNotTakeWithStatesRuntime() {
    // when
    TaskFailure failure =
        failure("getObject", "{\"Bucket\":\"b\",\"Key\":\"k\",\"Colour\":\"red\",\"Body\":\"x\"}");

    // then
    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .startsWith(
            "The Parameters '{\"Bucket\":\"b\",\"Key\":\"k\",\"Colour\":\"red\",\"Body\":\"x\"}'"
                + " could not be used to start the Task: [")
        .contains("The field \"Colour\" is not supported by Step Functions")
        .contains("The field \"Body\" is not supported by Step Functions");
  }

  @Test
  void shouldRefuseValuesOfTheWrongTypeWithStatesRuntime() {
    TaskFailure failure =
        failure("listObjectsV2", "{\"Bucket\":\"b\",\"MaxKeys\":\"ten\",\"FetchOwner\":1}");

    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .contains("The value for the field \"MaxKeys\" must be an INTEGER")
        .contains("The value for the field \"FetchOwner\" must be a BOOLEAN");
  }

  @Test
  void shouldRefuseMissingRequiredFieldsWithStatesRuntime() {
    TaskFailure failure = failure("copyObject", "{\"Key\":\"k\"}");

    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause())
        .contains("The field \"Bucket\" is required")
        .contains("The field \"CopySource\" is required")
        .doesNotContain("DestinationBucket");
  }

  @Test
  void shouldRefuseTheSdksOwnNamesForCopyObject() {
    TaskFailure failure =
        failure(
            "copyObject",
            "{\"DestinationBucket\":\"b\",\"Key\":\"k\",\"CopySource\":\"a/b\",\"SourceKey\":\"x\"}");

    assertThat(failure.cause())
        .contains("The field \"DestinationBucket\" is not supported by Step Functions")
        .contains("The field \"SourceKey\" is not supported by Step Functions");
  }

  @Test
  void shouldFailWithSdkClientExceptionWhenNothingListensAtTheEndpoint() {
    TaskFailure failure = failure("headObject", "{\"Bucket\":\"b\",\"Key\":\"k\"}");

    assertThat(failure.error()).isEqualTo("S3.SdkClientException");
    assertThat(failure.cause()).isNotBlank();
  }

  private static TaskFailure failure(String action, String parameters) {
    IntegrationCall call =
        new IntegrationCall(
            "arn:aws:states:::aws-sdk:s3:" + action,
            json(parameters),
            "idempotency-key",
            "arn:aws:states:us-east-1:000000000000:execution:m:e");
    ExecutionException thrown =
        catchThrowableOfType(
            () -> s3.call(call).get(30, TimeUnit.SECONDS), ExecutionException.class);
    assertThat(thrown).as("the call fails").isNotNull();
    assertThat(thrown.getCause()).isInstanceOf(TaskFailure.class);
    return (TaskFailure) thrown.getCause();
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
