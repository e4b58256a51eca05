package io.pipeline.cli;

import io.pipeline.asl.conformance.ConformanceRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./pipeline conformance FILE.jsonl}: recorded executions through the ASL engine. */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Run recorded Step Functions executions (one JSON object a line: definition, input and the"
          + " result AWS returned) through the ASL engine on a virtual clock, and compare.",
      "Prints a line per failing case and ends with 'N passed, M failed'; exit code 1 when any"
          + " case failed."
    })
final class ConformanceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The cases, in JSON lines.")
  Path file;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print a line per differing cause.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    if (!Files.isReadable(file)) {
      throw new UserException("Cannot read " + file);
    }
    PrintWriter out = spec.commandLine().getOut();
    ConformanceRunner.Summary summary;
    try (BufferedReader lines = Files.newBufferedReader(file)) {
      summary = new ConformanceRunner(out, verbose).run(lines);
    }
    return summary.failed() == 0 ? 0 : 1;
  }
}
