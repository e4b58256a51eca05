package io.pipeline.orchestrator.machines;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A state machine ARN as the API takes it: unqualified ({@code ...:stateMachine:<name>}), or
 * qualified with a version number ({@code ...:stateMachine:<name>:<number>}) or an alias name
 * ({@code ...:stateMachine:<name>:<alias>}). Alias names are never only digits, so a qualifier
 * always reads one way.
 *
 * @param machine the unqualified ARN of the state machine
 * @param kind what the ARN names
 * @param qualifier the version number or alias name; empty for a state machine
 */
public record StateMachineArn(String machine, Kind kind, String qualifier) {

  /** What a state machine ARN names. */
  public enum Kind {
    MACHINE,
    VERSION,
    ALIAS
  }

  private static final Pattern ARN =
      Pattern.compile(
          "(arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:]{1,80})(?::([^:]*))?");

  private static final Pattern VERSION = Pattern.compile("\\d{1,19}");

  /** Step Functions' alias names: letters, digits, '-', '_' and '.', not only digits. */
  private static final Pattern ALIAS_NAME =
      Pattern.compile("(?=.*[A-Za-z_.-])[A-Za-z0-9_.-]{1,80}");

  public StateMachineArn {
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(qualifier, "qualifier");
  }

  /** The ARN, or empty when it is not one of a state machine, a version or an alias. */
  public static Optional<StateMachineArn> parse(String arn) {
    Matcher matcher = ARN.matcher(arn);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String machine = matcher.group(1);
    String qualifier = matcher.group(2);
    if (qualifier == null) {
      return Optional.of(new StateMachineArn(machine, Kind.MACHINE, ""));
    }
    if (VERSION.matcher(qualifier).matches()) {
      return Optional.of(new StateMachineArn(machine, Kind.VERSION, qualifier));
    }
    if (isAliasName(qualifier)) {
      return Optional.of(new StateMachineArn(machine, Kind.ALIAS, qualifier));
    }
    return Optional.empty();
  }

  /**
   * Whether a name may name an alias: 1 to 80 letters, digits, '-', '_' or '.', not only digits.
   */
  public static boolean isAliasName(String name) {
    return ALIAS_NAME.matcher(name).matches();
  }

  /** The ARN of a state machine's version. */
  public static String version(String machineArn, long number) {
    return machineArn + ":" + number;
  }

  /** The ARN of a state machine's alias. */
  public static String alias(String machineArn, String aliasName) {
    return machineArn + ":" + aliasName;
  }

  /** The ARN itself. */
  public String arn() {
    return kind == Kind.MACHINE ? machine : machine + ":" + qualifier;
  }

  @Override
  public String toString() {
    return arn();
  }
}
