package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A Distributed Map over a CSV in S3 through the whole orchestrator: the ItemReader's items arrive
 * as one command, batches go to an activity worker, a batch holding a rejected row fails, the
 * tolerated failure percentage decides, and the ResultWriter writes the results to S3.
 */
@ExtendWith(LocalStackExtension.class)
class DistributedMapIT {

  private static final String ACCOUNT = "arn:aws:states:us-east-1:000000000000:activity:";

  @Test
  void shouldPriceTenThousandRowsInBatchesToleratingOneFailedBatchAndWriteTheResultsToS3(
      LocalStack stack) {
    // given: three rejected rows, all in the 43rd batch (rows 4201 to 4300): 1 batch in 100 fails
    Set<Integer> rejected = Set.of(4203, 4250, 4299);

    // when
    Run run = run(stack, 10_000, rejected, 1);

    // then
    assertThat(run.closed().status())
        .as(run.closed().toString())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = OrderRows.parse(run.closed().output());
    assertThat(output.path("MapRunArn").asText()).contains(":mapRun:");
    assertThat(output.path("ResultWriterDetails").path("Key").asText())
        .matches("priced/[0-9a-f-]{36}/manifest.json");
    OrderRows.assertWritten(run.s3(), output, 10_000, 100, rejected);
    run.s3().close();
  }

  @Test
  void shouldFailTheMapWhenMoreBatchesFailThanTolerated(LocalStack stack) {
    // given: rejected rows in two of ten batches, 20% where 10% are tolerated
    Set<Integer> rejected = Set.of(150, 950);

    // when
    Run run = run(stack, 1_000, rejected, 10);

    // then
    assertThat(run.closed().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.closed().error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(run.s3().listObjectsV2(b -> b.bucket(run.bucket()).prefix("priced/")).contents())
        .as("no results are written for a Map that failed")
        .isEmpty();
    run.s3().close();
  }

  private record Run(DescribeExecutionResponse closed, S3Client s3, String bucket) {}

  private static Run run(LocalStack stack, int rows, Set<Integer> rejected, int tolerated) {
    S3Endpoint endpoint = stack.s3();
    String bucket = LocalStack.uniqueName("dmap");
    String activity = LocalStack.uniqueName("price");
    S3Client s3 = endpoint.newClient();
    try (OrchestratorFixture orchestrator =
            OrchestratorFixture.start(
                stack,
                Map.of(
                    "ORCHESTRATOR_S3_ENDPOINT", endpoint.uri().toString(),
                    "ORCHESTRATOR_S3_REGION", endpoint.region(),
                    "ORCHESTRATOR_S3_ACCESS_KEY_ID", endpoint.accessKeyId(),
                    "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", endpoint.secretAccessKey()));
        ActivityWorker worker =
            ActivityWorker.builder(orchestrator.kafka(), activity)
                .concurrency(8)
                .start(OrderRows.worker(rejected))) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(
          b -> b.bucket(bucket).key("in/orders.csv"), RequestBody.fromString(OrderRows.csv(rows)));
      String machine =
          orchestrator.createMachine(
              "dmap", OrderRows.definition(bucket, ACCOUNT + activity, 100, tolerated));
      String execution =
          orchestrator
              .sfn()
              .startExecution(b -> b.stateMachineArn(machine).input("{\"key\": \"in/orders.csv\"}"))
              .executionArn();
      DescribeExecutionResponse closed =
          Sfn.awaitClosed(
              orchestrator.sfn(),
              execution,
              await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)));
      return new Run(closed, s3, bucket);
    }
  }
}
