package io.pipeline.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.process.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator as a process of its own, on the local stack's Kafka, for tests that kill it: one
 * process at a time, restartable on the same port, state folder and instance id.
 */
public final class ChildOrchestrator {

  private final Map<String, String> env = new HashMap<>();
  private final Path dir;
  private final URI api;
  private int starts;

  /**
   * @param stack the local stack whose Kafka it runs on
   * @param dir where its state and the logs of its processes go
   */
  public ChildOrchestrator(LocalStack stack, Path dir) {
    this(stack, dir, Map.of());
  }

  /**
   * @param stack the local stack whose Kafka it runs on
   * @param dir where its state and the logs of its processes go
   * @param more settings added to, or replacing, the usual ones (e.g. the application id of an
   *     orchestrator in this JVM it joins)
   */
  public ChildOrchestrator(LocalStack stack, Path dir, Map<String, String> more) {
    this.dir = dir;
    int port = freePort();
    this.api = URI.create("http://localhost:" + port);
    env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
    env.put("ORCHESTRATOR_HTTP_PORT", Integer.toString(port));
    env.put("ORCHESTRATOR_APPLICATION_ID", LocalStack.uniqueName("crash"));
    env.put("ORCHESTRATOR_STATE_DIR", dir.resolve("state").toString());
    env.put("ORCHESTRATOR_INSTANCE_ID", "orchestrator-1");
    env.putAll(more);
    FreshGroups.startAtEnd(
        stack.kafka().bootstrapServers(), env.get("ORCHESTRATOR_APPLICATION_ID"));
  }

  /** Where its Step Functions API answers. */
  public URI api() {
    return api;
  }

  /** Starts a process and waits until its API answers. */
  public ChildJvm start() {
    ChildJvm jvm =
        ChildJvm.start(
            OrchestratorMain.class,
            List.of(),
            env,
            dir.resolve("orchestrator-" + ++starts + ".log"));
    assertThat(jvm.awaitOutput("Step Functions API at", Duration.ofSeconds(90)))
        .as(jvm.output())
        .isTrue();
    return jvm;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
