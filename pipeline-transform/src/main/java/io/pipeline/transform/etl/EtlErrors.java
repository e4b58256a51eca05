package io.pipeline.transform.etl;

import com.fasterxml.jackson.core.JacksonException;
import io.pipeline.client.worker.TaskFailedException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The error names the ETL activities fail with, for the state machine's Retry and Catch, and the
 * one place that classifies what went wrong into them. Transient errors ({@link #TRANSIENT}) are
 * worth retrying; the others will fail the same way again.
 */
public final class EtlErrors {

  /** The task's input does not name an object. */
  public static final String INVALID_INPUT = "Etl.InvalidInput";

  /** The object cannot be loaded: empty, too large, of an unknown format, a wrong header... */
  public static final String INVALID_OBJECT = "Etl.InvalidObject";

  /** The object (or its bucket) does not exist. */
  public static final String OBJECT_NOT_FOUND = "Etl.ObjectNotFound";

  /** The object was overwritten while it was being loaded (its ETag no longer matches). */
  public static final String OBJECT_CHANGED = "Etl.ObjectChanged";

  /** S3 did not answer, timed out, or answered with a server error (5xx) or throttling (429). */
  public static final String S3_UNAVAILABLE = "Etl.S3Unavailable";

  /** S3 refused the request for good (access denied, bad request...). */
  public static final String S3_FAILED = "Etl.S3Failed";

  /** Kafka did not answer in time, or answered with an error worth retrying. */
  public static final String KAFKA_UNAVAILABLE = "Etl.KafkaUnavailable";

  /** Kafka refused the rows for good (authorization, a record too large...). */
  public static final String KAFKA_FAILED = "Etl.KafkaFailed";

  /**
   * Another attempt at the same object started its transaction, which aborted this one's: the newer
   * attempt carries on.
   */
  public static final String LOAD_FENCED = "Etl.LoadFenced";

  /** The errors worth retrying. */
  public static final List<String> TRANSIENT =
      List.of(S3_UNAVAILABLE, KAFKA_UNAVAILABLE, LOAD_FENCED);

  private EtlErrors() {}

  static TaskFailedException invalidObject(ObjectRef object, String problem) {
    return new TaskFailedException(INVALID_OBJECT, object + " " + problem);
  }

  /**
   * What an error met while working on an object means for the state machine.
   *
   * @param object the object worked on
   * @param doing what was being done, e.g. "reading the object"
   * @throws RuntimeException the error itself when it is none of the kinds above: a bug
   */
  static TaskFailedException classify(ObjectRef object, String doing, Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof TaskFailedException failed) {
      return failed;
    }
    String where = object + ": " + doing + " failed: ";
    if (cause instanceof S3Exception s3) {
      return new TaskFailedException(s3Error(s3), where + describe(s3));
    }
    if (cause instanceof SdkClientException) {
      return new TaskFailedException(S3_UNAVAILABLE, where + cause.getMessage());
    }
    if (cause instanceof SdkServiceException service) {
      return new TaskFailedException(
          service.isThrottlingException() || service.statusCode() >= 500
              ? S3_UNAVAILABLE
              : S3_FAILED,
          where + service.getMessage());
    }
    if (cause instanceof KafkaException) {
      String name = kafkaError(cause);
      return new TaskFailedException(
          name,
          where
              + (name.equals(LOAD_FENCED)
                  ? "its transaction was aborted (another attempt at this object took over, or"
                      + " the load outlived ETL_TRANSACTION_TIMEOUT): "
                  : "")
              + cause);
    }
    if (cause instanceof JacksonException || cause instanceof CharConversionException) {
      return new TaskFailedException(INVALID_OBJECT, where + cause.getMessage());
    }
    if (cause instanceof IOException) {
      // What is left is I/O on the object's stream from S3: a connection reset, a read timeout.
      return new TaskFailedException(S3_UNAVAILABLE, where + cause);
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(where + cause, cause);
  }

  private static String s3Error(S3Exception error) {
    int status = error.statusCode();
    if (status == 404) {
      return OBJECT_NOT_FOUND;
    }
    if (status == 412) {
      return OBJECT_CHANGED;
    }
    if (status == 429 || status >= 500 || error.isThrottlingException()) {
      return S3_UNAVAILABLE;
    }
    return S3_FAILED;
  }

  private static String describe(S3Exception error) {
    String code = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
    return (code == null ? "" : code + " ")
        + "(HTTP "
        + error.statusCode()
        + "): "
        + error.getMessage();
  }

  private static String kafkaError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return LOAD_FENCED;
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RetriableException
          || t instanceof org.apache.kafka.common.errors.TimeoutException) {
        return KAFKA_UNAVAILABLE;
      }
    }
    return KAFKA_FAILED;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof ExecutionException
            || current instanceof CompletionException
            || current instanceof UncheckedIOException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
