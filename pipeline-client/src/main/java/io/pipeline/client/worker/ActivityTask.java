package io.pipeline.client.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A task a worker received: its input, and the means to say it is still alive. */
public interface ActivityTask {

  /** The task token: the result is applied by it, once. */
  String token();

  /**
   * A key for the outside effects of this call: the same when the call is made again for the same
   * step (a redelivered task, an execution re-run from its start), different for a retry or any
   * other call. Give it to services that deduplicate requests.
   */
  String idempotencyKey();

  /** The execution the task belongs to. */
  String executionArn();

  /** The activity's ARN. */
  String activityArn();

  /** The task's input. */
  JsonNode input();

  /** When the runtime scheduled it. */
  Instant scheduledAt();

  /**
   * Tells the runtime the task is still being worked on, for Task states with {@code
   * HeartbeatSeconds}. Returns once Kafka has the heartbeat.
   */
  void heartbeat();
}
