package io.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./pipeline} command. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    version = "pipeline 0.1.0-SNAPSHOT",
    description = "A Kafka-native event pipeline and Step Functions-compatible workflow engine.",
    subcommands = {
      UpCommand.class,
      DemoCommand.class,
      TopicsCommand.class,
      ProduceCommand.class,
      ConsumeCommand.class,
      ConformanceCommand.class,
      BenchCommand.class,
      ConsolePasswordCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PipelineCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling, for main and for tests. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new PipelineCli());
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
  }
}
