package io.pipeline.orchestrator.api;

import java.util.Map;

/**
 * An error the API answers with Step Functions' name for it, which the AWS SDKs turn into their
 * exception classes.
 */
final class ApiException extends RuntimeException {

  private final String type;
  private final int status;
  private final Map<String, String> details;

  /** A client error (HTTP 400). */
  ApiException(String type, String message) {
    this(type, message, 400);
  }

  ApiException(String type, String message, int status) {
    this(type, message, status, Map.of());
  }

  /**
   * A client error (HTTP 400) with the fields Step Functions adds to some errors, e.g. {@code
   * resourceName} to {@code ResourceNotFound} and {@code TooManyTags}.
   */
  ApiException(String type, String message, Map<String, String> details) {
    this(type, message, 400, details);
  }

  private ApiException(String type, String message, int status, Map<String, String> details) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
    this.details = Map.copyOf(details);
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  /** Further fields of the error's body. */
  Map<String, String> details() {
    return details;
  }
}
