package io.pipeline.orchestrator.integrations.aws;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Map Run a Distributed Map's results belong to, as its {@code ResultWriter} names it: an id (a
 * UUID, the folder of its result files) and an ARN in AWS's form, {@code
 * arn:aws:states:<region>:<account>:mapRun:<state machine>/<Map state>:<id>}.
 *
 * <p>When the Map's iterations run as child executions, the engine names the run ({@link #named});
 * when they ran inside the execution (older executions, local runs), both are derived from the
 * writer's call: the id from its idempotency key (the same when a crash makes the call again, so
 * the files are written over, not twice), the state's name from the key's state path.
 *
 * @param id the Map Run's id
 * @param arn the Map Run's ARN
 */
record MapRun(String id, String arn) {

  private static final Pattern EXECUTION =
      Pattern.compile(
          "arn:([a-z-]+):states:([a-z0-9-]*):([0-9]*):(?:execution|express):([^:]+):.*");

  /** The part of the idempotency key after the Map's state path ({@code State@step}). */
  private static final Pattern WRITER_KEY = Pattern.compile("(.*)@\\d+/ResultWriter#\\d+");

  /**
   * @param executionArn the execution whose Map writes
   * @param idempotencyKey the writer call's key: execution ARN, state path, attempt
   */
  static MapRun of(String executionArn, String idempotencyKey) {
    String id =
        UUID.nameUUIDFromBytes(("map-run:" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
            .toString();
    Matcher execution = EXECUTION.matcher(executionArn);
    if (!execution.matches()) {
      return new MapRun(id, executionArn + "/mapRun:" + id);
    }
    String arn =
        "arn:"
            + execution.group(1)
            + ":states:"
            + execution.group(2)
            + ":"
            + execution.group(3)
            + ":mapRun:"
            + execution.group(4)
            + "/"
            + stateName(executionArn, idempotencyKey)
            + ":"
            + id;
    return new MapRun(id, arn);
  }

  /** The run the engine named: its id is the ARN's last part. */
  static MapRun named(String mapRunArn) {
    return new MapRun(mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1), mapRunArn);
  }

  /** The Map state's name, the last step of the key's state path; "Map" when it has none. */
  static String stateName(String executionArn, String idempotencyKey) {
    String path =
        idempotencyKey.startsWith(executionArn + "/")
            ? idempotencyKey.substring(executionArn.length() + 1)
            : idempotencyKey;
    Matcher key = WRITER_KEY.matcher(path);
    if (!key.matches()) {
      return "Map";
    }
    String states = key.group(1);
    // A Map inside a Parallel branch or another Map: Outer@3[0]/Inner.
    int nested = states.lastIndexOf("]/");
    return nested >= 0 ? states.substring(nested + 2) : states;
  }
}
