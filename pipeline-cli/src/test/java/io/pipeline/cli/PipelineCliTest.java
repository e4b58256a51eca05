package io.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.orchestrator.console.ConsoleUsers;
import org.junit.jupiter.api.Test;

class PipelineCliTest {

  @Test
  void shouldRejectUnknownCommandWithUsage() {
    CliRun run = CliRun.of("bogus");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'bogus'").contains("Commands:").contains("consume");
  }

  @Test
  void shouldOfferHelpOnEverySubcommand() {
    for (String command :
        new String[] {"up", "topics", "produce", "consume", "conformance", "console-password"}) {
      CliRun run = CliRun.of(command, "--help");

      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: pipeline " + command);
    }
  }

  @Test
  void shouldPrintAConsoleUserWhosePasswordIsHashedWhenAskedForOne() {
    // when
    CliRun run = CliRun.of("console-password", "--name", "alice", "--password", "s3cret");

    // then
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).hasSize(1);
    String entry = run.outLines().get(0);
    assertThat(entry).startsWith("alice:pbkdf2-sha256:600000:").doesNotContain("s3cret");
    assertThat(ConsoleUsers.parse(entry).signIn("alice", "s3cret")).contains("alice");
  }

  @Test
  void shouldRefuseAConsoleUserWhenTheNameIsNotOneTheSettingTakes() {
    // when
    CliRun run = CliRun.of("console-password", "--name", "al ice", "--password", "s3cret");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("Not a user of ORCHESTRATOR_CONSOLE_USERS: the name of entry 1 must be");
  }

  @Test
  void shouldRejectKeyAndKeyFieldTogether() {
    CliRun run = CliRun.of("produce", "--topic", "t", "--key", "k", "--key-field", "id");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Give --key or --key-field, not both");
  }

  @Test
  void shouldRejectBadTimeout() {
    CliRun run = CliRun.of("consume", "--topic", "t", "--timeout", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--timeout").contains("expected a duration");
  }

  @Test
  void shouldRunConformanceFileAndEndWithTheTotals() throws Exception {
    java.nio.file.Path cases = java.nio.file.Files.createTempFile("cases", ".jsonl");
    java.nio.file.Files.writeString(
        cases,
        "{\"id\": \"ok\", \"definition\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\","
            + " \"End\": true}}}, \"input_raw\": \"{\\\"a\\\": 1}\", \"expected\": {\"status\": \"SUCCEEDED\","
            + " \"output\": {\"a\": 1}}}\n"
            + "{\"id\": \"wrong\", \"definition\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\","
            + " \"End\": true}}}, \"input_raw\": \"{}\", \"expected\": {\"status\": \"SUCCEEDED\","
            + " \"output\": {\"a\": 2}}}\n");

    CliRun run = CliRun.of("conformance", cases.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).last().isEqualTo("1 passed, 1 failed");
    assertThat(run.out()).contains("FAIL wrong: output/a: missing");
  }
}
