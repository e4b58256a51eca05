package io.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.cli.demo.DemoContext;
import io.pipeline.localstack.Ports;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.localstack.process.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * {@code ./pipeline demo} in a child JVM, as a user runs it: every stage passes, and each figure of
 * its summary is computed again here, from Kafka and from the Step Functions API, while the stack
 * stays up after the summary.
 */
class DemoIT {

  private static final Duration DEMO = Duration.ofMinutes(5);
  private static final Pattern TOPIC = Pattern.compile("^  topic (\\S+): (\\d+) records$");
  private static final Pattern EXECUTIONS = Pattern.compile("^  executions (\\S+):(.*)$");

  @TempDir Path dir;

  @Test
  void shouldRunEveryUseCaseAndReportFiguresKafkaAndApiConfirm() throws Exception {
    // given
    int kafkaPort = Ports.free();
    int apiPort = Ports.free();
    String bootstrap = "localhost:" + kafkaPort;

    // when
    try (ChildJvm demo =
        ChildJvm.start(
            PipelineCli.class,
            List.of(
                "demo",
                "--data-dir",
                dir.resolve("data").toString(),
                "--kafka-port",
                String.valueOf(kafkaPort),
                "--api-port",
                String.valueOf(apiPort),
                "--s3-port",
                "0",
                "--sqs-port",
                "0",
                "--mqtt-port",
                "0",
                "--http-port",
                "0",
                "--transform-port",
                "0"),
            // As ./pipeline sets it: where the examples are.
            Map.of("PIPELINE_HOME", Path.of("..").toAbsolutePath().normalize().toString()),
            dir.resolve("demo.log"))) {
      assertThat(demo.awaitOutput("The pipeline stays up", DEMO)).as(demo.output()).isTrue();
      String output = demo.output();

      // then: the topics' figures
      Map<String, Integer> topics = new TreeMap<>();
      Map<String, String> executions = new TreeMap<>();
      for (String line : output.lines().toList()) {
        Matcher topic = TOPIC.matcher(line);
        if (topic.matches()) {
          topics.put(topic.group(1), Integer.parseInt(topic.group(2)));
        }
        Matcher machine = EXECUTIONS.matcher(line);
        if (machine.matches()) {
          executions.put(machine.group(1), machine.group(2).trim());
        }
      }
      assertThat(topics)
          .as(output)
          // 4 devices: 30 readings, a duplicate, one beyond the limit, 2 closing the windows.
          .containsEntry("pipeline.iot.telemetry", 4 * 33)
          .containsEntry("pipeline.iot.alerts", 4)
          // 5,000 generated rows, one in 50 bad; the sample's 3 good lines of 5.
          .containsEntry("pipeline.etl.rows", 5000 - 100 + 3)
          .containsEntry("pipeline.etl.loads", 3)
          // One account opened of three customers; three approvals asked, one escalated.
          .containsEntry("examples.bank.accounts", 1)
          .containsEntry("examples.security.approvals", 3)
          .containsEntry("examples.security.escalations", 1)
          .containsKeys("pipeline.mqtt.messages", "pipeline.transform.dead-letters");
      for (Map.Entry<String, Integer> topic : topics.entrySet()) {
        assertThat(count(bootstrap, topic.getKey()))
            .as("records of %s, read again", topic.getKey())
            .isEqualTo(topic.getValue());
      }
      // then: the executions' figures
      try (SfnClient sfn =
          DemoContext.sfnClient(URI.create("http://localhost:" + apiPort), "us-east-1")) {
        Map<String, String> listed = new TreeMap<>();
        for (StateMachineListItem machine : sfn.listStateMachines().stateMachines()) {
          Map<String, Integer> byStatus = new TreeMap<>();
          for (ExecutionListItem execution :
              sfn.listExecutions(b -> b.stateMachineArn(machine.stateMachineArn())).executions()) {
            byStatus.merge(execution.statusAsString(), 1, Integer::sum);
          }
          listed.put(
              machine.name(),
              String.join(
                  ", ",
                  byStatus.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
        assertThat(executions)
            .isEqualTo(listed)
            .containsEntry("s3-batch-etl", "SUCCEEDED 3")
            .containsEntry("account-opening", "FAILED 2, SUCCEEDED 1")
            .containsEntry("incident-response", "SUCCEEDED 4");
      }
      // then: it says where the console is and how to sign in, and the console answers there
      URI console = URI.create("http://localhost:" + apiPort + "/console/");
      assertThat(output)
          .contains(
              "The console, " + console + "  (sign in as 'pipeline', password 'pipeline-secret')");
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(console).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
    }
  }

  private static int count(String bootstrap, String topic) {
    return TopicReader.read(
            bootstrap, topic, Integer.MAX_VALUE, Duration.ZERO, Duration.ofSeconds(2))
        .size();
  }
}
