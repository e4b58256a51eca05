package io.pipeline.asl.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the recorded AWS executions of {@code ../shared/conformance} through the engine. Where that
 * corpus is absent (a clone elsewhere), the project's own cases in the same format run instead.
 */
class ConformanceCorpusTest {

  private static final Path SHARED = Path.of("../../shared/conformance/asl-localstack.jsonl");
  private static final Path OWN = Path.of("src/test/resources/conformance/own-cases.jsonl");

  /**
   * How many cases of the shared corpus pass today: the engine may only get better. Raise it with
   * every change that makes more cases pass; the goal is every case.
   */
  private static final int SHARED_CORPUS_BASELINE = 739;

  @Test
  void shouldPassTheProjectsOwnCases() throws IOException {
    ConformanceRunner.Summary summary = run(OWN, Path.of("target/conformance-own-report.txt"));

    assertThat(summary.failed()).as("see target/conformance-own-report.txt").isZero();
    assertThat(summary.passed()).isPositive();
  }

  @Test
  void shouldPassRecordedAwsExecutions() throws IOException {
    boolean shared = Files.exists(SHARED);
    Path report = Path.of("target/conformance-report.txt");

    ConformanceRunner.Summary summary = run(shared ? SHARED : OWN, report);

    if (shared) {
      assertThat(summary.passed())
          .as("see " + report.toAbsolutePath())
          .isGreaterThanOrEqualTo(SHARED_CORPUS_BASELINE);
    } else {
      assertThat(summary.failed()).as("see " + report.toAbsolutePath()).isZero();
    }
  }

  private static ConformanceRunner.Summary run(Path corpus, Path report) throws IOException {
    Files.createDirectories(report.getParent());
    try (BufferedReader lines = Files.newBufferedReader(corpus);
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(report))) {
      return new ConformanceRunner(out, true).run(lines);
    }
  }
}
