package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * S3 Tasks through the whole orchestrator, against the local stack's S3 server: an object written
 * by one state is read by the next and copied by a third, and a missing key is caught by its Step
 * Functions error name.
 */
@ExtendWith(LocalStackExtension.class)
class S3TaskIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldPutGetCopyAndCatchAMissingKeyThroughTheRuntime(LocalStack stack) throws Exception {
    S3Endpoint endpoint = stack.s3();
    String bucket = LocalStack.uniqueName("s3-tasks");
    try (S3Client s3 = endpoint.newClient();
        OrchestratorFixture orchestrator =
            OrchestratorFixture.start(
                stack,
                Map.of(
                    "ORCHESTRATOR_S3_ENDPOINT", endpoint.uri().toString(),
                    "ORCHESTRATOR_S3_REGION", endpoint.region(),
                    "ORCHESTRATOR_S3_ACCESS_KEY_ID", endpoint.accessKeyId(),
                    "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", endpoint.secretAccessKey()))) {
      s3.createBucket(b -> b.bucket(bucket));
      String machine =
          orchestrator.createMachine(
              "s3",
              """
              {"StartAt": "Put", "States": {
                "Put": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject",
                  "Parameters": {"Bucket": "%1$s", "Key": "reports/1.json", "Body.$": "$.report"},
                  "ResultPath": null, "Next": "Get"},
                "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                  "Parameters": {"Bucket": "%1$s", "Key": "reports/1.json"},
                  "ResultSelector": {"body.$": "States.StringToJson($.Body)"},
                  "ResultPath": "$.read", "Next": "Copy"},
                "Copy": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:copyObject",
                  "Parameters": {"Bucket": "%1$s", "Key": "archive/1.json",
                    "CopySource": "%1$s/reports/1.json"},
                  "ResultPath": null, "Next": "Missing"},
                "Missing": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                  "Parameters": {"Bucket": "%1$s", "Key": "reports/none.json"},
                  "Catch": [{"ErrorEquals": ["S3.NoSuchKeyException"], "ResultPath": "$.missing",
                    "Next": "Done"}],
                  "End": true},
                "Done": {"Type": "Succeed"}}}
              """
                  .formatted(bucket));

      String execution =
          orchestrator
              .sfn()
              .startExecution(b -> b.stateMachineArn(machine).input("{\"report\": {\"rows\": 3}}"))
              .executionArn();
      DescribeExecutionResponse done = orchestrator.awaitClosed(execution);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      JsonNode output = JSON.readTree(done.output());
      assertThat(output.path("read").path("body")).isEqualTo(JSON.readTree("{\"rows\": 3}"));
      assertThat(output.path("missing").path("Error").asText()).isEqualTo("S3.NoSuchKeyException");
      String archived =
          s3.getObject(b -> b.bucket(bucket).key("archive/1.json"), ResponseTransformer.toBytes())
              .asUtf8String();
      assertThat(JSON.readTree(archived)).isEqualTo(JSON.readTree("{\"rows\": 3}"));
    }
  }
}
