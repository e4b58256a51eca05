package io.pipeline.orchestrator.integrations.aws;

import static io.pipeline.orchestrator.integrations.aws.CsvItemsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.common.config.Settings;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Distributed Map's S3 reader and writer decide before S3 answers: the resources they
 * serve and the requests they refuse. Their calls to S3 are in {@link S3MapIntegrationsIT}.
 */
class S3MapIntegrationsTest {

  private static final String EXECUTION = "arn:aws:states:us-east-1:000000000000:execution:m:e";

  private static S3Integration s3;
  private static S3ItemReader reader;
  private static S3ResultWriter writer;

  @BeforeAll
  static void create() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    s3 =
        S3Integration.create(
            S3IntegrationConfig.from(
                Settings.of(
                    Map.of(
                        "ORCHESTRATOR_S3_ENDPOINT", "http://127.0.0.1:" + closedPort,
                        "ORCHESTRATOR_S3_ACCESS_KEY_ID", "test",
                        "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", "test-secret",
                        "ORCHESTRATOR_S3_CALL_TIMEOUT", "10s"))));
    reader = S3ItemReader.sharing(s3);
    writer = S3ResultWriter.sharing(s3);
  }

  @AfterAll
  static void close() {
    reader.close();
    s3.close();
  }

  @Test
  void shouldServeTheItemReaderAndResultWriterResourcesInEveryPartition() {
    for (String partition : new String[] {"aws", "aws-cn", "aws-us-gov"}) {
      String prefix = "arn:" + partition + ":states:::s3:";
      assertThat(reader.serves(prefix + "getObject")).isTrue();
      assertThat(reader.serves(prefix + "listObjectsV2")).isTrue();
      assertThat(writer.serves(prefix + "putObject")).isTrue();
    }
    assertThat(reader.serves("arn:aws:states:::aws-sdk:s3:getObject")).isFalse();
    assertThat(reader.serves("arn:aws:states:::s3:putObject")).isFalse();
    assertThat(writer.serves("arn:aws:states:::aws-sdk:s3:putObject")).isFalse();
    assertThat(s3.serves("arn:aws:states:::s3:getObject")).isFalse();
  }

  @Test
  void shouldFailAReadWithoutParametersAsItemReaderFailed() throws Exception {
    // when
    TaskFailure failure =
        failure(
            reader,
            "arn:aws:states:::s3:getObject",
            "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"CSV\"}}");

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause()).startsWith("The ItemReader needs Parameters (or Arguments)");
  }

  @Test
  void shouldFailAReadWithParametersGetObjectDoesNotTakeAsTheS3IntegrationDoes() throws Exception {
    // when
    TaskFailure failure =
        failure(
            reader,
            "arn:aws:states:::s3:getObject",
            "{\"ReaderConfig\": {\"InputType\": \"CSV\"},"
                + " \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\", \"Colour\": \"red\"}}");

    // then
    assertThat(failure.error()).isEqualTo("States.Runtime");
    assertThat(failure.cause()).contains("Colour");
  }

  @Test
  void shouldFailAReadS3DoesNotAnswerAsAnSdkClientException() throws Exception {
    // when
    TaskFailure failure =
        failure(
            reader,
            "arn:aws:states:::s3:listObjectsV2",
            "{\"Parameters\": {\"Bucket\": \"b\", \"Prefix\": \"p/\"}}");

    // then
    assertThat(failure.error()).isEqualTo("S3.SdkClientException");
  }

  @Test
  void shouldFailAWriteWithoutABucketOrWithParametersItDoesNotTake() throws Exception {
    // when
    TaskFailure noBucket =
        failure(writer, "arn:aws:states:::s3:putObject", "{\"Parameters\": {}, \"Results\": []}");
    TaskFailure unknown =
        failure(
            writer,
            "arn:aws:states:::s3:putObject",
            "{\"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}, \"Results\": []}");

    // then
    assertThat(noBucket.error()).isEqualTo("States.ResultWriterFailed");
    assertThat(noBucket.cause()).contains("Bucket must be a bucket name");
    assertThat(unknown.cause()).contains("take Bucket and Prefix, not Key");
  }

  private static TaskFailure failure(
      io.pipeline.orchestrator.integrations.Integration integration, String resource, String input)
      throws Exception {
    ExecutionException thrown =
        catchThrowableOfType(
            ExecutionException.class,
            () ->
                integration
                    .call(
                        new IntegrationCall(
                            resource, json(input), EXECUTION + "/M@1/x#1", EXECUTION))
                    .get(30, TimeUnit.SECONDS));
    assertThat(thrown).isNotNull();
    assertThat(thrown.getCause()).isInstanceOf(TaskFailure.class);
    return (TaskFailure) thrown.getCause();
  }
}
