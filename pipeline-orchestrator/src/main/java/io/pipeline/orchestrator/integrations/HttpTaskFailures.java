package io.pipeline.orchestrator.integrations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * The errors an HTTP Task fails with, named as AWS names them, and the one place where what went
 * wrong on the wire becomes one of them.
 */
final class HttpTaskFailures {

  /** A parameter of the task is wrong: not retried by {@code States.ALL}, as in AWS. */
  static final String RUNTIME = "States.Runtime";

  /** The service could not be reached or did not answer in time (AWS: after 60 s). */
  static final String SOCKET = "States.Http.Socket";

  /** Prefix of the error of a non-2xx answer, followed by its status code. */
  static final String STATUS_CODE = "States.Http.StatusCode.";

  /** The answer is larger than a state's payload may be. */
  static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

  /** An OAuth connection could not get a token, as EventBridge reports a deauthorized one. */
  static final String INVALID_CONNECTION_STATE = "Events.ConnectionResource.InvalidConnectionState";

  private HttpTaskFailures() {}

  /** A wrong parameter, with the field at fault in the cause. */
  static TaskFailure invalidParameter(String cause) {
    return new TaskFailure(RUNTIME, "The HTTP Task's parameters are invalid: " + cause);
  }

  /**
   * What a failed exchange means for the task.
   *
   * @param error what the HTTP client completed with
   * @param target the service, {@code host:port}, for the cause (never the query, which may hold
   *     secrets)
   * @param timeout the request timeout that was in force
   * @throws CompletionException for what no exchange fails with (a bug), to be reported as such
   */
  static TaskFailure ofExchange(Throwable error, String target, Duration timeout) {
    Throwable e = unwrap(error);
    if (e instanceof TaskFailure) {
      return (TaskFailure) e;
    }
    if (e instanceof HttpConnectTimeoutException) {
      return socket("Connecting to " + target + " timed out", e);
    }
    if (e instanceof HttpTimeoutException || e instanceof CancellationException) {
      return socket(
          target + " did not answer within " + timeout + " (ORCHESTRATOR_HTTP_TASK_TIMEOUT)", e);
    }
    if (isUnknownHost(e)) {
      return socket("The host of " + target + " is unknown", e);
    }
    if (e instanceof ConnectException) {
      return socket("Could not connect to " + target + ": the connection was refused", e);
    }
    if (e instanceof SSLException) {
      return socket("The TLS handshake with " + target + " failed: " + e.getMessage(), e);
    }
    if (e instanceof IOException) {
      return socket("The exchange with " + target + " failed: " + describe(e), e);
    }
    throw new CompletionException(e);
  }

  private static TaskFailure socket(String cause, Throwable reason) {
    return new TaskFailure(SOCKET, cause, reason);
  }

  private static boolean isUnknownHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
