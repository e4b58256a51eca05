package io.pipeline.orchestrator.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** A trigger rule on the S3 object events starts one execution per object, however often seen. */
class TriggerIT {

  private static final String MACHINE = "on-landing";
  private static final String MACHINE_ARN =
      "arn:aws:states:us-east-1:000000000000:stateMachine:" + MACHINE;

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of(
              "ORCHESTRATOR_TRIGGERS",
              """
              [{"name": "landing",
                "sourceTopic": "pipeline.s3.object-events",
                "pattern": {"bucket": ["trigger-test"], "key": [{"prefix": "incoming/"}]},
                "stateMachineArn": "%s",
                "inputTemplate": {"bucket.$": "$.bucket", "key.$": "$.key", "size.$": "$.size"},
                "executionName": "{$.eventId}"}]
              """
                  .formatted(MACHINE_ARN)));

  @Test
  void shouldStartOneExecutionForAnObjectEventSeenTwiceAndNoneForOthers(
      OrchestratorFixture orchestrator) throws Exception {
    orchestrator
        .sfn()
        .createStateMachine(
            b ->
                b.name(MACHINE)
                    .roleArn(io.pipeline.orchestrator.Sfn.ROLE)
                    .definition(
                        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"));
    Topic<String, S3ObjectEvent> topic =
        new PipelineTopics(SchemaCatalog.builtIn()).s3ObjectEvents();
    try (KafkaProducer<String, S3ObjectEvent> producer =
        new KafkaProducer<>(
            orchestrator.kafka().reliableProducerConfig("trigger-test", Map.of()),
            new StringSerializer(),
            topic.valueSerde().serializer())) {
      // One key, so one partition: the events are read in this order.
      S3ObjectEvent wanted = event("e-1", "incoming/a.csv");
      producer.send(new ProducerRecord<>(topic.name(), "trigger-test", wanted));
      producer.send(new ProducerRecord<>(topic.name(), "trigger-test", wanted));
      producer.send(
          new ProducerRecord<>(topic.name(), "trigger-test", event("e-2", "other/b.csv")));
      producer.send(new ProducerRecord<>(topic.name(), "trigger-test", event("e-3", "incoming/c")));
      producer.flush();
    }
    String started = MACHINE_ARN.replace(":stateMachine:", ":execution:") + ":e-1";
    String last = MACHINE_ARN.replace(":stateMachine:", ":execution:") + ":e-3";

    DescribeExecutionResponse execution =
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptionsInstanceOf(ExecutionDoesNotExistException.class)
            .until(
                () -> orchestrator.sfn().describeExecution(b -> b.executionArn(started)),
                described -> described.status() == ExecutionStatus.SUCCEEDED);

    assertThat(execution.input())
        .isEqualTo("{\"bucket\":\"trigger-test\",\"key\":\"incoming/a.csv\",\"size\":42}");
    assertThat(
            orchestrator
                .sfn()
                .getExecutionHistory(b -> b.executionArn(started))
                .events()
                .get(0)
                .id())
        .isEqualTo(1L);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptionsInstanceOf(ExecutionDoesNotExistException.class)
        .until(
            () -> orchestrator.sfn().describeExecution(b -> b.executionArn(last)).status(),
            status -> status == ExecutionStatus.SUCCEEDED);
    assertThat(metric(orchestrator, "outcome=\"started\",state_machine=\"" + MACHINE_ARN + "\""))
        .as("e-1 seen twice started once, e-2 (another prefix) never, e-3 once")
        .isEqualTo(2.0);
  }

  private static S3ObjectEvent event(String id, String key) {
    Instant now = Instant.now();
    return S3ObjectEvent.newBuilder()
        .setEventId(id)
        .setEventName("ObjectCreated:Put")
        .setSource(S3EventSource.SQS_NOTIFICATION)
        .setBucket("trigger-test")
        .setKey(key)
        .setSize(42)
        .setEtag(null)
        .setSequencer(null)
        .setEventTime(now)
        .setObservedAt(now)
        .setVersionId(null)
        .build();
  }

  private static double metric(OrchestratorFixture orchestrator, String labels) throws Exception {
    String body =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(orchestrator.apiUri().resolve("/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    return body.lines()
        .filter(l -> l.startsWith("pipeline_orchestrator_executions_total{") && l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
