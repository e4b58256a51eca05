package io.pipeline.client.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.client.CommandGateway;
import io.pipeline.client.Verdict;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.schemas.orchestrator.TaskFailed;
import io.pipeline.schemas.orchestrator.TaskHeartbeat;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.orchestrator.TaskStarted;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.avro.message.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works an activity's tasks: reads its task requests ({@code read_committed}, in a consumer group
 * per activity, so several workers share the load), runs the handler on each, and sends the result
 * back as a command. A request's offset is committed only once Kafka has its result, so a worker
 * that dies mid-task gets the task again: delivery is at least once, and the runtime applies one
 * result per task token, refusing the others with the reason ({@link #onRefused}).
 *
 * <pre>{@code
 * try (ActivityWorker worker =
 *     ActivityWorker.builder(kafka, "resize-image")
 *         .concurrency(8)
 *         .start(task -> resize(task.input()))) {
 *   ...
 * }
 * }</pre>
 */
public final class ActivityWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActivityWorker.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a worker waits for Kafka to take a result before it gives the batch up. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

  private final String activity;
  private final String workerName;
  private final Topic<String, TaskRequest> topic;
  private final TaskHandler handler;
  private final BiConsumer<ActivityTask, Verdict> onRefused;
  private final CommandGateway commands;
  private final ExecutorService pool;
  private final TaskStream tasks;
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /** Builds a worker. */
  public static final class Builder {
    private final KafkaSettings kafka;
    private final String activity;
    private int concurrency = 4;
    private String groupId;
    private String workerName = defaultWorkerName();
    private SchemaStore writerSchemas = SchemaCatalog.builtIn();
    private BiConsumer<ActivityTask, Verdict> onRefused =
        (task, verdict) ->
            log.warn(
                "The result of task {} of {} was refused: {} ({})",
                shortToken(task.token()),
                task.executionArn(),
                verdict.error(),
                verdict.message());

    private Builder(KafkaSettings kafka, String activity) {
      this.kafka = Objects.requireNonNull(kafka, "kafka");
      this.activity = Objects.requireNonNull(activity, "activity");
      if (!activity.matches("[A-Za-z0-9_-]{1,80}")) {
        throw new IllegalArgumentException(
            "activity name '" + activity + "' must be 1 to 80 letters, digits, '-' or '_'");
      }
      this.groupId = "pipeline.worker." + activity;
    }

    /** How many tasks run at once (default 4). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** The consumer group; workers of one group share the tasks (default per activity). */
    public Builder groupId(String groupId) {
      this.groupId = Objects.requireNonNull(groupId, "groupId");
      return this;
    }

    /**
     * The name the execution's history records as the worker that took a task ({@code
     * ActivityStarted}); default: host name and process id.
     */
    public Builder workerName(String workerName) {
      if (workerName.isEmpty() || workerName.length() > 80) {
        throw new IllegalArgumentException("a worker name has 1 to 80 characters");
      }
      this.workerName = workerName;
      return this;
    }

    /** Where task requests' writer schemas are found (default: this build's schemas). */
    public Builder writerSchemas(SchemaStore writerSchemas) {
      this.writerSchemas = Objects.requireNonNull(writerSchemas, "writerSchemas");
      return this;
    }

    /** Called when the runtime refuses a result (default: a warning in the log). */
    public Builder onRefused(BiConsumer<ActivityTask, Verdict> onRefused) {
      this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
      return this;
    }

    /** Starts working tasks with this handler. */
    public ActivityWorker start(TaskHandler handler) {
      return new ActivityWorker(this, Objects.requireNonNull(handler, "handler"));
    }
  }

  /**
   * @param kafka how to reach Kafka
   * @param activity the activity's name (the last part of its ARN)
   */
  public static Builder builder(KafkaSettings kafka, String activity) {
    return new Builder(kafka, activity);
  }

  private ActivityWorker(Builder builder, TaskHandler handler) {
    this.activity = builder.activity;
    this.workerName = builder.workerName;
    this.handler = handler;
    this.onRefused = builder.onRefused;
    PipelineTopics topics = new PipelineTopics(builder.writerSchemas);
    this.topic = topics.activity(activity);
    PipelineKafka.ensure(builder.kafka, Settings.of(Map.of()), List.of(topic));
    this.commands = new CommandGateway(builder.kafka, topics, Clock.systemUTC());
    this.pool =
        Executors.newFixedThreadPool(
            builder.concurrency, DaemonThreads.named("worker-" + activity));
    // As many waiting as running, so a freed thread finds its next task at once.
    this.tasks =
        new TaskStream(
            builder.kafka,
            topic,
            builder.groupId,
            builder.concurrency * 2,
            activity,
            request ->
                CompletableFuture.supplyAsync(() -> work(request), pool).thenCompose(w -> w));
  }

  /** What the worker has done so far. */
  public WorkerStats stats() {
    return new WorkerStats(tasks.received(), succeeded.get(), failed.get(), refused.get());
  }

  /** Runs the handler, sends the result; completes once Kafka has the result. */
  private CompletableFuture<Void> work(TaskRequest request) {
    Task task = new Task(request);
    // Recorded once as ActivityStarted; a redelivered task's start is refused and changes nothing.
    commands.submit(request.getExecutionArn(), new TaskStarted(request.getTaskToken(), workerName));
    Object result;
    try {
      task.parseInput();
      JsonNode output = handler.handle(task);
      result =
          new TaskSucceeded(
              request.getTaskToken(),
              JSON.writeValueAsString(output == null ? JSON.nullNode() : output));
    } catch (TaskFailedException e) {
      result = new TaskFailed(request.getTaskToken(), e.error(), e.getMessage());
    } catch (Exception e) {
      result = new TaskFailed(request.getTaskToken(), e.getClass().getSimpleName(), e.getMessage());
    }
    boolean success = result instanceof TaskSucceeded;
    CommandGateway.Sent sent = commands.submit(request.getExecutionArn(), result);
    sent.verdict()
        .whenComplete(
            (verdict, failure) -> {
              if (verdict != null && !verdict.isApplied()) {
                refused.incrementAndGet();
                onRefused.accept(task, verdict);
              } else if (verdict != null) {
                (success ? succeeded : failed).incrementAndGet();
              }
            });
    return sent.written();
  }

  @Override
  public void close() {
    tasks.close();
    pool.shutdownNow();
    commands.close();
  }

  private static String defaultWorkerName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "worker";
    }
    String name = host + "-" + ProcessHandle.current().pid();
    return name.length() > 80 ? name.substring(name.length() - 80) : name;
  }

  private static String shortToken(String token) {
    return token.length() > 16 ? token.substring(token.length() - 16) : token;
  }

  /** A received task. */
  private final class Task implements ActivityTask {
    private final TaskRequest request;
    private JsonNode input;

    Task(TaskRequest request) {
      this.request = request;
    }

    void parseInput() throws TaskFailedException {
      try {
        input = JSON.readTree(request.getInput());
      } catch (java.io.IOException e) {
        throw new TaskFailedException("States.Runtime", "The task input is not JSON: " + e);
      }
    }

    @Override
    public String token() {
      return request.getTaskToken();
    }

    @Override
    public String idempotencyKey() {
      // Tasks scheduled before the key existed: their token names the call as well.
      return request.getIdempotencyKey() != null
          ? request.getIdempotencyKey()
          : request.getTaskToken();
    }

    @Override
    public String executionArn() {
      return request.getExecutionArn();
    }

    @Override
    public String activityArn() {
      return request.getActivityArn();
    }

    @Override
    public JsonNode input() {
      return input;
    }

    @Override
    public Instant scheduledAt() {
      return request.getScheduledAt();
    }

    @Override
    public void heartbeat() {
      try {
        commands
            .submit(request.getExecutionArn(), new TaskHeartbeat(request.getTaskToken()))
            .written()
            .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the heartbeat did not reach Kafka: " + e, e);
      }
    }
  }
}
