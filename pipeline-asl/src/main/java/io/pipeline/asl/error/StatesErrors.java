package io.pipeline.asl.error;

import java.util.Set;

/** The error names the States Language reserves. */
public final class StatesErrors {

  public static final String ALL = "States.ALL";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String TIMEOUT = "States.Timeout";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD =
      "States.ExceedToleratedFailureThreshold";
  public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
  public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
  public static final String RUNTIME = "States.Runtime";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

  /** Every reserved name; a name starting with {@code States.} that is not here is invalid. */
  public static final Set<String> RESERVED =
      Set.of(
          ALL,
          HEARTBEAT_TIMEOUT,
          TIMEOUT,
          TASK_FAILED,
          PERMISSIONS,
          RESULT_PATH_MATCH_FAILURE,
          PARAMETER_PATH_FAILURE,
          BRANCH_FAILED,
          NO_CHOICE_MATCHED,
          INTRINSIC_FAILURE,
          EXCEED_TOLERATED_FAILURE_THRESHOLD,
          ITEM_READER_FAILED,
          RESULT_WRITER_FAILED,
          RUNTIME,
          DATA_LIMIT_EXCEEDED,
          QUERY_EVALUATION_ERROR);

  /** The HTTP Task's failure to reach its endpoint. */
  public static final String HTTP_SOCKET = "States.Http.Socket";

  private static final java.util.regex.Pattern HTTP_STATUS =
      java.util.regex.Pattern.compile("States\\.Http\\.StatusCode\\.[1-5]\\d\\d");

  /**
   * Whether the States Language defines an error name: one of {@link #RESERVED}, or an HTTP Task's
   * {@value #HTTP_SOCKET} and {@code States.Http.StatusCode.<code>}.
   */
  public static boolean isDefined(String name) {
    return RESERVED.contains(name)
        || HTTP_SOCKET.equals(name)
        || HTTP_STATUS.matcher(name).matches();
  }

  /** Errors that {@code States.ALL} in a Retry or Catch does not match. */
  public static final Set<String> NOT_MATCHED_BY_ALL = Set.of(RUNTIME, DATA_LIMIT_EXCEEDED);

  private StatesErrors() {}
}
