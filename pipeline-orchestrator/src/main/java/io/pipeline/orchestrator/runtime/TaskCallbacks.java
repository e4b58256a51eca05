package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.Command;
import io.pipeline.schemas.orchestrator.TaskFailed;
import io.pipeline.schemas.orchestrator.TaskHeartbeat;
import io.pipeline.schemas.orchestrator.TaskStarted;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import java.time.Instant;
import java.util.Optional;

/**
 * The commands a task's worker sends (its start, heartbeats, its success or failure) as the
 * engine's commands.
 */
final class TaskCallbacks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskCallbacks() {}

  /** The signed task token a callback carries. */
  static String signedToken(Object body) {
    if (body instanceof TaskSucceeded succeeded) {
      return succeeded.getTaskToken();
    }
    if (body instanceof TaskFailed failed) {
      return failed.getTaskToken();
    }
    if (body instanceof TaskStarted started) {
      return started.getTaskToken();
    }
    return ((TaskHeartbeat) body).getTaskToken();
  }

  /**
   * The engine's command for a callback.
   *
   * @param token the verified task token
   * @throws JsonProcessingException when a success's output is not JSON
   */
  static Command command(Object body, String token, Instant now) throws JsonProcessingException {
    if (body instanceof TaskSucceeded succeeded) {
      return new Command.CompleteTask(token, JSON.readTree(succeeded.getOutput()), now);
    }
    if (body instanceof TaskFailed failed) {
      return new Command.FailTask(
          token,
          Optional.ofNullable(failed.getError()).orElse(""),
          Optional.ofNullable(failed.getCause()).orElse(""),
          now);
    }
    if (body instanceof TaskStarted started) {
      return new Command.StartTask(token, Optional.ofNullable(started.getWorkerName()), now);
    }
    return new Command.HeartbeatTask(token, now);
  }
}
