package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one place that turns what the AWS SDK throws into the error and cause a Task state sees, as
 * Step Functions names them.
 *
 * <ul>
 *   <li>AWS SDK tasks ({@code aws-sdk:s3:*}): {@code S3.} and the SDK's exception class ({@code
 *       S3.NoSuchKeyException}, {@code S3.S3Exception} for errors S3 does not model), the
 *       exception's message as cause (the service's message, status code and request ids).
 *   <li>Lambda tasks: {@code Lambda.} and the service's error code ({@code
 *       Lambda.ResourceNotFoundException}), the cause in the shape Step Functions gives it.
 *   <li>The SDK's own failures (endpoint unreachable, no credentials): {@code
 *       S3.SdkClientException} or {@code Lambda.SdkClientException}; a Lambda call that outlives
 *       its timeout is {@code Lambda.ClientExecutionTimeoutException}, the name Step Functions'
 *       Lambda retriers use.
 * </ul>
 */
final class AwsFailures {

  private AwsFailures() {}

  /**
   * A future that completes as the call does, but when the call fails, with the {@link TaskFailure}
   * itself (not wrapped) that the mapping makes of the failure.
   */
  static <T> CompletableFuture<T> mapped(
      CompletableFuture<T> call, Function<Throwable, TaskFailure> mapping) {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    call.whenComplete(
        (value, error) -> {
          if (error == null) {
            outcome.complete(value);
          } else {
            outcome.completeExceptionally(mapping.apply(error));
          }
        });
    return outcome;
  }

  /** Parameters a task cannot start with, worded as Step Functions words them. */
  static TaskFailure invalidParameters(JsonNode parameters, List<String> problems) {
    return new TaskFailure(
        "States.Runtime",
        "The Parameters '"
            + parameters
            + "' could not be used to start the Task: ["
            + String.join(" | ", problems)
            + "]");
  }

  /** The failure of an S3 call. */
  static TaskFailure s3(Throwable thrown) {
    Throwable error = unwrap(thrown);
    if (error instanceof TaskFailure) {
      return (TaskFailure) error;
    }
    if (error instanceof AwsServiceException) {
      String name = error instanceof S3Exception ? error.getClass().getSimpleName() : "S3Exception";
      return new TaskFailure("S3." + name, s3Cause((AwsServiceException) error), error);
    }
    if (error instanceof SdkClientException) {
      return new TaskFailure("S3.SdkClientException", error.getMessage(), error);
    }
    return unexpected(error);
  }

  /**
   * The service's message with its status code and request ids, as the SDK words it ({@code The
   * specified key does not exist. (Service: S3, Status Code: 404, Request ID: ..., Extended Request
   * ID: ...)}), without what the SDK adds of its own (its attempt count).
   */
  private static String s3Cause(AwsServiceException error) {
    AwsErrorDetails details = error.awsErrorDetails();
    String extended =
        error instanceof S3Exception ? ((S3Exception) error).extendedRequestId() : null;
    return (details == null ? null : details.errorMessage())
        + " (Service: "
        + (details == null || details.serviceName() == null ? "S3" : details.serviceName())
        + ", Status Code: "
        + error.statusCode()
        + ", Request ID: "
        + error.requestId()
        + (extended == null ? "" : ", Extended Request ID: " + extended)
        + ")";
  }

  /** The failure of a Lambda call that did not reach the function, or that the service refused. */
  static TaskFailure lambda(Throwable thrown) {
    Throwable error = unwrap(thrown);
    if (error instanceof TaskFailure) {
      return (TaskFailure) error;
    }
    if (error instanceof AwsServiceException) {
      return lambdaService((AwsServiceException) error);
    }
    if (error instanceof ApiCallTimeoutException
        || error instanceof ApiCallAttemptTimeoutException) {
      return new TaskFailure("Lambda.ClientExecutionTimeoutException", error.getMessage(), error);
    }
    if (error instanceof SdkClientException) {
      return new TaskFailure("Lambda.SdkClientException", error.getMessage(), error);
    }
    return unexpected(error);
  }

  /**
   * Step Functions names Lambda's service errors by their error code and words the cause as {@code
   * <message> (Service: AWSLambda; Status Code: 404; Error Code: ...; Request ID: ...; Proxy:
   * null)}.
   */
  private static TaskFailure lambdaService(AwsServiceException error) {
    AwsErrorDetails details = error.awsErrorDetails();
    String code =
        details == null || details.errorCode() == null || details.errorCode().isBlank()
            ? "AWSLambdaException"
            : details.errorCode();
    String message =
        details == null || details.errorMessage() == null ? "" : details.errorMessage();
    String cause =
        message
            + " (Service: AWSLambda; Status Code: "
            + error.statusCode()
            + "; Error Code: "
            + code
            + "; Request ID: "
            + error.requestId()
            + "; Proxy: null)";
    return new TaskFailure("Lambda." + code, cause, error);
  }

  private static TaskFailure unexpected(Throwable error) {
    return new TaskFailure("States.TaskFailed", String.valueOf(error), error);
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable error = thrown;
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    // The SDK wraps what a response transformer fails with; the transformer's own failure wins.
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskFailure) {
        return cause;
      }
    }
    return error;
  }
}
