package io.pipeline.orchestrator.express;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.orchestrator.ChildOrchestrator;
import io.pipeline.orchestrator.Sfn;
import io.pipeline.schemas.topic.PipelineTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * The orchestrator, in a child JVM, is killed with SIGKILL while 1,000 asynchronous Express
 * executions run, and started again: every execution ends (its log says so), the unfinished ones
 * having run again under their ARN, and a slow execution held none of the others back.
 */
@ExtendWith(LocalStackExtension.class)
class ExpressCrashIT {

  private static final Logger log = LoggerFactory.getLogger(ExpressCrashIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXECUTIONS = 1_000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldRunEveryExpressExecutionAgainThatAKillLeftUnfinished(LocalStack stack)
      throws Exception {
    ChildOrchestrator orchestrator = new ChildOrchestrator(stack, dir);
    ChildJvm first = orchestrator.start();
    List<String> fast = new ArrayList<>();
    String slow;
    try (SfnClient sfn = Sfn.client(orchestrator.api())) {
      String machine =
          sfn.createStateMachine(
                  b ->
                      b.name(LocalStack.uniqueName("express-crash"))
                          .type(StateMachineType.EXPRESS)
                          .roleArn(Sfn.ROLE)
                          .loggingConfiguration(l -> l.level(LogLevel.ALL))
                          .definition(
                              """
                              {"StartAt": "Pause", "States": {
                                "Pause": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Done"},
                                "Done": {"Type": "Pass", "End": true}}}
                              """))
              .stateMachineArn();
      slow =
          sfn.startExecution(b -> b.stateMachineArn(machine).name("slow").input("{\"wait\": 45}"))
              .executionArn();
      for (int i = 0; i < EXECUTIONS; i++) {
        int n = i;
        fast.add(
            sfn.startExecution(
                    b -> b.stateMachineArn(machine).name("fast-" + n).input("{\"wait\": 3}"))
                .executionArn());
      }
      first.kill(); // every fast one was started within the last few seconds: many are unfinished
    } finally {
      first.close();
    }

    try (ChildJvm second = orchestrator.start()) {
      Set<String> all = new HashSet<>(fast);
      all.add(slow);
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> ended(stack).containsAll(all));
      List<JsonNode> succeeded = events(stack, 0, "ExecutionSucceeded", null, Duration.ZERO);
      Map<String, Long> startedRuns =
          counts(events(stack, 0, "ExecutionStarted", null, Duration.ZERO));

      Set<String> done =
          succeeded.stream().map(e -> e.get("execution_arn").asText()).collect(Collectors.toSet());
      assertThat(done).containsAll(fast).contains(slow);
      long rerun = startedRuns.values().stream().filter(runs -> runs > 1).count();
      log.info(
          "{} Express executions ended after a kill -9; {} ran more than once", done.size(), rerun);
      assertThat(rerun).as("executions the kill left unfinished ran again").isPositive();
      // Each fast one's first end came before the slow one's (45 s wait) first end.
      long lastFast =
          succeeded.stream()
              .filter(e -> !e.get("execution_arn").asText().equals(slow))
              .collect(
                  Collectors.toMap(
                      e -> e.get("execution_arn").asText(),
                      e -> e.get("event_timestamp").asLong(),
                      Math::min))
              .values()
              .stream()
              .mapToLong(Long::longValue)
              .max()
              .orElseThrow();
      long slowEnd =
          succeeded.stream()
              .filter(e -> e.get("execution_arn").asText().equals(slow))
              .mapToLong(e -> e.get("event_timestamp").asLong())
              .min()
              .orElseThrow();
      assertThat(lastFast).as("the slow execution held none back").isLessThan(slowEnd);
      assertThat(second.isAlive()).isTrue();
    }
  }

  /**
   * The log entries of this type (of one execution, or any), once records holding at least {@code
   * count} of them came (a record holds the entries of one step, each type once at most).
   */
  private static List<JsonNode> events(
      LocalStack stack, int count, String type, String executionArn, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.awaitMatching(
            stack.kafka().bootstrapServers(),
            PipelineTopics.EXPRESS_LOGS,
            record ->
                (executionArn == null || executionArn.equals(record.key()))
                    && !entries(record, type).isEmpty(),
            count,
            timeout,
            Duration.ZERO);
    return records.stream().flatMap(record -> entries(record, type).stream()).toList();
  }

  /** The entries of this type in a log record (a JSON array of entries). */
  private static List<JsonNode> entries(ConsumerRecord<String, byte[]> record, String type) {
    List<JsonNode> entries = new ArrayList<>();
    json(record)
        .forEach(
            entry -> {
              if (type.equals(entry.get("type").asText())) {
                entries.add(entry);
              }
            });
    return entries;
  }

  /** The executions whose log says they succeeded. */
  private static Set<String> ended(LocalStack stack) {
    return events(stack, 0, "ExecutionSucceeded", null, Duration.ZERO).stream()
        .map(e -> e.get("execution_arn").asText())
        .collect(Collectors.toSet());
  }

  private static Map<String, Long> counts(List<JsonNode> entries) {
    Map<String, Long> counts = new HashMap<>();
    entries.forEach(e -> counts.merge(e.get("execution_arn").asText(), 1L, Long::sum));
    return counts;
  }

  private static JsonNode json(ConsumerRecord<String, byte[]> record) {
    try {
      return JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
