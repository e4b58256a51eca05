package io.pipeline.orchestrator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.localstack.LocalStack;
import io.pipeline.schemas.topic.TopicAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A signed-in console's view of the waiting tasks ({@code POST /console/api/ListWaitingTasks}), and
 * the approval topic the tests' callback tasks produce to.
 */
final class WaitingTaskConsole {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleHttp console;

  private WaitingTaskConsole(ConsoleHttp console) {
    this.console = console;
  }

  /** Signs in to the console of the orchestrator at {@code api}. */
  static WaitingTaskConsole signIn(URI api, String name, String password) {
    ConsoleHttp console = new ConsoleHttp(api);
    HttpResponse<byte[]> signedIn = console.signIn(name, password);
    if (signedIn.statusCode() != 200) {
      throw new IllegalStateException("sign-in refused: " + signedIn.statusCode());
    }
    return new WaitingTaskConsole(console);
  }

  /** One page: the answer's JSON, or the error's, with the status. */
  Answer page(int maxResults, String nextToken) {
    ObjectNode request = JSON.createObjectNode().put("maxResults", maxResults);
    if (nextToken != null) {
      request.put("nextToken", nextToken);
    }
    HttpResponse<byte[]> answer = console.call("ListWaitingTasks", request.toString());
    return new Answer(answer.statusCode(), json(answer.body()));
  }

  /** Every waiting task, page after page; fails on an error answer. */
  List<JsonNode> all(int pageSize) {
    List<JsonNode> tasks = new ArrayList<>();
    String next = null;
    do {
      Answer answer = page(pageSize, next);
      if (answer.status() != 200) {
        throw new IllegalStateException("ListWaitingTasks answered " + answer);
      }
      answer.body().get("tasks").forEach(tasks::add);
      next = answer.body().path("nextToken").asText(null);
    } while (next != null);
    return tasks;
  }

  /** The waiting tasks of one state machine's executions. */
  List<JsonNode> of(String stateMachineArn) {
    return all(100).stream()
        .filter(task -> task.get("stateMachineArn").asText().equals(stateMachineArn))
        .toList();
  }

  /** An answer: its status and JSON. */
  record Answer(int status, JsonNode body) {}

  /** Creates a topic and waits until its partitions have leaders; returns its name. */
  static String createTopic(String bootstrapServers, String prefix) {
    String name = LocalStack.uniqueName(prefix);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
      new TopicAdmin(admin).awaitLeaders(List.of(name));
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return name;
  }

  /** A state machine whose one state produces an approval request and waits for its callback. */
  static String approvalDefinition(String topic) {
    return """
        {"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
          "Resource": "arn:aws:states:::kafka:produce.waitForTaskToken",
          "Parameters": {"Topic": "%s", "Key.$": "$.id",
            "Value": {"taskToken.$": "$$.Task.Token", "id.$": "$.id"}},
          "TimeoutSeconds": 3600, "HeartbeatSeconds": 600, "End": true}}}
        """
        .formatted(topic);
  }

  private static JsonNode json(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
