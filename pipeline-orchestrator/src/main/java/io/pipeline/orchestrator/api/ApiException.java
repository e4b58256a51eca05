package io.pipeline.orchestrator.api;

/**
 * An error the API answers with Step Functions' name for it, which the AWS SDKs turn into their
 * exception classes.
 */
final class ApiException extends RuntimeException {

  private final String type;
  private final int status;

  /** A client error (HTTP 400). */
  ApiException(String type, String message) {
    this(type, message, 400);
  }

  ApiException(String type, String message, int status) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }
}
