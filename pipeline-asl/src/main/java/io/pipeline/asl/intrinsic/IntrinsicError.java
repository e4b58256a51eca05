package io.pipeline.asl.intrinsic;

/**
 * A failure inside a call tree, before the outermost call names itself in the cause. {@link
 * IntrinsicEvaluator} turns it into a {@code StateFailure}; it never leaves this package.
 */
final class IntrinsicError extends RuntimeException {

  IntrinsicError(String cause) {
    super(cause, null, false, false);
  }

  /** AWS's cause for arguments a function cannot take. */
  static IntrinsicError invalidArguments(IntrinsicFunction function) {
    return new IntrinsicError("Invalid arguments in " + function.functionName());
  }
}
