package io.pipeline.cli;

import io.pipeline.orchestrator.console.ConsoleConfig;
import io.pipeline.orchestrator.console.ConsoleUsers;
import io.pipeline.orchestrator.console.Password;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline console-password --name NAME}: a console user's entry for {@code
 * ORCHESTRATOR_CONSOLE_USERS}, the password asked for without echo and replaced by its PBKDF2 hash,
 * so the setting holds no password.
 */
@Command(
    name = "console-password",
    mixinStandardHelpOptions = true,
    description = {
      "Print a console user's entry for ORCHESTRATOR_CONSOLE_USERS, with the password's PBKDF2"
          + " hash instead of the password.",
      "Join several entries with commas; quote the value in a shell."
    })
final class ConsolePasswordCommand implements Callable<Integer> {

  @Option(names = "--name", required = true, description = "The user's name.")
  String name;

  @Option(
      names = "--password",
      interactive = true,
      arity = "0..1",
      prompt = "Password: ",
      required = true,
      description =
          "The password: asked for, not echoed, when the option has no value (a value on the"
              + " command line stays in the shell's history).")
  char[] password;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String entry;
    try {
      entry = name + ":" + Password.hash(new String(password), new SecureRandom());
      ConsoleUsers.parse(entry);
    } catch (IllegalArgumentException e) {
      throw new UserException(
          "Not a user of " + ConsoleConfig.USERS.name() + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
    spec.commandLine().getOut().println(entry);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
