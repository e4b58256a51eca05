package io.pipeline.cli;

import io.pipeline.common.config.ConfigException;
import io.pipeline.localstack.Ports;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can act on into one clear line on standard error, and leaves stack
 * traces to the bugs.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  /** Exit code of a failure the user can fix: bad input, a busy port, an unreachable server. */
  static final int USER_ERROR = 1;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
    if (e instanceof UserException
        || e instanceof ConfigException
        || e instanceof Ports.PortInUseException) {
      commandLine.getErr().println("pipeline: " + e.getMessage());
      return USER_ERROR;
    }
    commandLine.getErr().println("pipeline: unexpected failure: " + e);
    e.printStackTrace(commandLine.getErr());
    return CommandLine.ExitCode.SOFTWARE;
  }
}
