package io.pipeline.cli;

/** A failure the user can fix; its message says what is wrong and what to do. */
final class UserException extends RuntimeException {

  UserException(String message) {
    super(message);
  }

  UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
