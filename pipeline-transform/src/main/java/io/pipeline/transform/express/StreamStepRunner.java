package io.pipeline.transform.express;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.error.StatesErrors;
import io.pipeline.asl.interpreter.Effect;
import io.pipeline.asl.interpreter.Execution;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.LocalRun;
import io.pipeline.asl.model.StateMachine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs a step's state machine on one record, synchronously, to its end. Nothing comes from the wall
 * clock or global randomness, so a record delivered again (at-least-once) gives the same outcome:
 *
 * <ul>
 *   <li>the execution's name is the record's place in the log, {@code
 *       <topic>-<partition>-<offset>}, and its ARN an {@code express:} ARN of the step with a UUID
 *       derived from them ({@link #identity});
 *   <li>its seed ({@code States.UUID}, {@code $random}, {@code $uuid}) is that UUID's low half;
 *   <li>its time ({@code $$.Execution.StartTime}, {@code $now}) is the record's timestamp.
 * </ul>
 *
 * <p>The engine arms timers of its own even for states that need nothing outside it: one due at
 * once to go on after its budget of states per command (a large Map), a Parallel's or Map's retry
 * back-off, the execution's timeout. They fire here at once, in the order they are due, each at its
 * due time ({@link LocalRun}): the execution runs on virtual time from the record's timestamp, so a
 * retry does not hold the stream up. Like every Express execution it may last five minutes at most
 * (of that time), after which it ends with {@code States.Timeout}. A task or a child execution
 * cannot be given (validation refuses the states that ask for them): an execution that asks for one
 * anyway fails with {@code States.Runtime}, rather than wait for ever.
 */
public final class StreamStepRunner {

  /** The largest input an execution takes, in UTF-8 bytes, as Step Functions limits it. */
  public static final int MAX_INPUT_BYTES = 256 * 1024;

  /** Step Functions' limit on an Express execution, here on its virtual time. */
  public static final Duration MAX_DURATION = Duration.ofMinutes(5);

  /** The error of a record whose value is not JSON, as StartExecution names it. */
  public static final String INVALID_INPUT = "InvalidExecutionInput";

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has MD5", e);
            }
          });

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String step;
  private final StateMachine machine;

  /**
   * @param step the step's name, which the executions' ARNs carry
   * @param machine its state machine, validated ({@link ExpressStepDefinitions})
   */
  public StreamStepRunner(String step, StateMachine machine) {
    this.step = step;
    this.machine = machine.withTimeoutAtMost((int) MAX_DURATION.toSeconds());
  }

  /**
   * The names of the execution of a record: an {@code express:} ARN in the local account, {@code
   * arn:aws:states:us-east-1:000000000000:express:<step>:<topic>-<partition>-<offset>:<uuid>},
   * where the UUID derives from the step and the record's place; the same record gets the same
   * names, every time.
   */
  public static ExecutionIdentity identity(String step, String topic, int partition, long offset) {
    String name = executionName(topic, partition, offset);
    return ExecutionIdentity.localExpress(step, name, runId(step, name).toString(), false);
  }

  private static String executionName(String topic, int partition, long offset) {
    return topic + "-" + partition + "-" + offset;
  }

  /**
   * The name-based (version 3) UUID of the step and the record's place, as {@link
   * UUID#nameUUIDFromBytes} gives it, with each thread's MD5 digest reused rather than looked up
   * from the security providers for every record.
   */
  static UUID runId(String step, String name) {
    byte[] md5 =
        MD5.get().digest(("express-step:" + step + ":" + name).getBytes(StandardCharsets.UTF_8));
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bits = ByteBuffer.wrap(md5);
    return new UUID(bits.getLong(), bits.getLong());
  }

  /** Runs the state machine on a record, to its end. */
  public StepOutcome run(StreamRecord record) {
    String name = executionName(record.topic(), record.partition(), record.offset());
    UUID runId = runId(step, name);
    ExecutionIdentity identity =
        ExecutionIdentity.localExpress(step, name, runId.toString(), false);
    String arn = identity.executionArn();
    byte[] value = record.value();
    if (value == null) {
      return new StepOutcome.Failed(
          arn, INVALID_INPUT, "the record has no value (a tombstone); the input must be JSON");
    }
    if (value.length > MAX_INPUT_BYTES) {
      return new StepOutcome.Failed(
          arn,
          StatesErrors.DATA_LIMIT_EXCEEDED,
          "the record's value has "
              + value.length
              + " bytes; an execution's input may have at most "
              + MAX_INPUT_BYTES);
    }
    JsonNode input;
    try {
      input = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      return new StepOutcome.Failed(
          arn,
          INVALID_INPUT,
          "the record's value is not JSON: " + e.getOriginalMessage() + StreamSteps.at(e));
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory failed", e);
    }
    if (input == null || input.isMissingNode()) {
      return new StepOutcome.Failed(
          arn, INVALID_INPUT, "the record's value is empty; the input must be JSON");
    }
    return execute(identity, runId.getLeastSignificantBits(), input, record.timestamp());
  }

  private StepOutcome execute(ExecutionIdentity identity, long seed, JsonNode input, Instant time) {
    String arn = identity.executionArn();
    LocalRun.Result run =
        LocalRun.run(Execution.of(machine, seed).withoutHistory(), input, identity, time);
    if (run.outside().isPresent()) {
      return outside(arn, run.outside().get());
    }
    if (run.execution().status() == ExecutionStatus.RUNNING) {
      return new StepOutcome.Failed(
          arn, StatesErrors.RUNTIME, "the execution waits for something the engine does not give");
    }
    return ended(arn, run.execution());
  }

  private static StepOutcome ended(String arn, Execution execution) {
    if (execution.status() == ExecutionStatus.SUCCEEDED) {
      try {
        return new StepOutcome.Succeeded(
            arn, JSON.writeValueAsBytes(execution.output().orElseThrow()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("writing a JSON tree failed", e);
      }
    }
    return new StepOutcome.Failed(
        arn, execution.error().orElse(execution.status().name()), execution.cause().orElse(""));
  }

  private StepOutcome outside(String arn, Effect effect) {
    return new StepOutcome.Failed(
        arn,
        StatesErrors.RUNTIME,
        "the execution asked for "
            + LocalRun.describe(effect)
            + ", which express step '"
            + step
            + "' cannot give: it runs only states that need nothing outside the engine");
  }
}
