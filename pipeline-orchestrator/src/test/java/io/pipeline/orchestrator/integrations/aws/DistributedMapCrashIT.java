package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.ChildOrchestrator;
import io.pipeline.orchestrator.Sfn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The Distributed Map of {@link DistributedMapIT} with the orchestrator, in a child JVM, killed
 * with SIGKILL while the batches are being worked, then started again on its state folder: the
 * execution finishes once, and the results written to S3 are those of a run without a kill.
 */
@ExtendWith(LocalStackExtension.class)
class DistributedMapCrashIT {

  private static final Logger log = LoggerFactory.getLogger(DistributedMapCrashIT.class);
  private static final int ROWS = 10_000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldFinishTheMapOnceWithTheSameResultsAfterAKillMidRun(LocalStack stack) throws Exception {
    S3Endpoint endpoint = stack.s3();
    String bucket = LocalStack.uniqueName("dmap-crash");
    String activity = LocalStack.uniqueName("price");
    Set<Integer> rejected = Set.of(7001, 7100);
    ChildOrchestrator orchestrator =
        new ChildOrchestrator(
            stack,
            dir,
            Map.of(
                "ORCHESTRATOR_S3_ENDPOINT", endpoint.uri().toString(),
                "ORCHESTRATOR_S3_REGION", endpoint.region(),
                "ORCHESTRATOR_S3_ACCESS_KEY_ID", endpoint.accessKeyId(),
                "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", endpoint.secretAccessKey()));
    ChildJvm first = orchestrator.start();
    try (S3Client s3 = endpoint.newClient();
        SfnClient sfn = Sfn.client(orchestrator.api());
        ActivityWorker worker =
            ActivityWorker.builder(KafkaSettings.of(stack.kafka().bootstrapServers()), activity)
                .concurrency(8)
                .onRefused((task, verdict) -> {})
                .start(
                    task -> {
                      // Slow enough that the kill comes while batches are still being worked.
                      Thread.sleep(100);
                      return OrderRows.worker(rejected).handle(task);
                    })) {
      // given
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(
          b -> b.bucket(bucket).key("in/orders.csv"), RequestBody.fromString(OrderRows.csv(ROWS)));
      String machine =
          Sfn.createMachine(
              sfn,
              "dmap-crash",
              OrderRows.definition(
                  bucket, "arn:aws:states:us-east-1:000000000000:activity:" + activity, 100, 1));
      String execution =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"key\": \"in/orders.csv\"}"))
              .executionArn();

      // when: killed after a quarter of the batches reached the worker
      await().atMost(Duration.ofSeconds(120)).until(() -> worker.stats().received() >= 25);
      log.info("Killing the orchestrator after {} batches", worker.stats().received());
      first.kill();
      try (ChildJvm second = orchestrator.start()) {
        DescribeExecutionResponse closed = Sfn.awaitClosedThroughFailures(sfn, execution);

        // then
        assertThat(closed.status()).as(closed.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        OrderRows.assertWritten(s3, OrderRows.parse(closed.output()), ROWS, 100, rejected);
        List<HistoryEvent> history =
            sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(1000)).events();
        for (int e = 0; e < history.size(); e++) {
          assertThat(history.get(e).id()).as("event ids").isEqualTo(e + 1L);
        }
        for (HistoryEventType once :
            new HistoryEventType[] {
              HistoryEventType.MAP_RUN_STARTED,
              HistoryEventType.MAP_RUN_SUCCEEDED,
              HistoryEventType.EXECUTION_SUCCEEDED
            }) {
          assertThat(history).as(once.toString()).filteredOn(e -> e.type() == once).hasSize(1);
        }
        log.info(
            "The Map finished after a kill -9; the worker received {} batches for 100, {} results"
                + " were refused as already applied",
            worker.stats().received(),
            worker.stats().refused());
        assertThat(second.isAlive()).isTrue();
      }
    } finally {
      first.close();
    }
  }
}
