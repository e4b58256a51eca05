package io.pipeline.orchestrator.machines;

import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.Diagnostic;
import io.pipeline.asl.parse.ParseResult;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machines every instance sees: a {@link CompactedCatalog} of the topic {@value
 * PipelineTopics#STATE_MACHINES}. A machine's current revision is keyed by its ARN and each
 * revision by {@code ARN:revisionId}, written in one transaction, so an execution pinned to a
 * revision always finds it. Its {@link #versions()} and {@link #aliases()} live in a catalog of
 * their own ({@link VersionCatalog}) and go with the state machine when it is deleted.
 *
 * <p>Two instances creating the same name at the same moment can both succeed (the last write
 * wins); routing creates through one partition's owner closes that gap with the Standard runtime.
 */
public final class StateMachineRegistry implements AutoCloseable {

  /** Step Functions' two kinds of state machine. */
  public enum Type {
    STANDARD,
    EXPRESS
  }

  /** Step Functions' logging levels: which execution events are logged. */
  public enum LogLevel {
    ALL,
    ERROR,
    FATAL,
    OFF
  }

  /**
   * A state machine's logging configuration.
   *
   * @param level which events are logged
   * @param includeExecutionData whether they keep their input and output
   */
  public record Logging(LogLevel level, boolean includeExecutionData) {
    /** Nothing logged, as when CreateStateMachine names no logging configuration. */
    public static final Logging OFF = new Logging(LogLevel.OFF, false);

    public Logging {
      Objects.requireNonNull(level, "level");
    }
  }

  /** What CreateStateMachine asks for. */
  public record Create(
      String name,
      String definition,
      String roleArn,
      Type type,
      Optional<String> description,
      Logging logging) {
    public Create {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(logging, "logging");
    }
  }

  private final String arnPrefix;
  private final Clock clock;
  private final CompactedCatalog<StateMachineRecord> catalog;
  private final VersionCatalog qualifiers;
  private final StateMachineVersions versions;
  private final StateMachineAliases aliases;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param region and {@code account}: the ARNs' region and account
   * @param clock the time of creations
   */
  public StateMachineRegistry(
      KafkaSettings kafka, PipelineTopics topics, String region, String account, Clock clock) {
    this.arnPrefix = "arn:aws:states:" + region + ":" + account + ":stateMachine:";
    this.clock = clock;
    this.catalog = new CompactedCatalog<>(kafka, topics.stateMachines(), "state-machine-registry");
    this.qualifiers = new VersionCatalog(kafka, topics);
    this.versions = new StateMachineVersions(qualifiers, clock);
    this.aliases = new StateMachineAliases(qualifiers, clock);
  }

  /** The state machines' published versions. */
  public StateMachineVersions versions() {
    return versions;
  }

  /** The state machines' aliases. */
  public StateMachineAliases aliases() {
    return aliases;
  }

  /** The ARN of the state machine of this name, in this registry's region and account. */
  public String arnOf(String name) {
    return arnPrefix + name;
  }

  /**
   * Creates a state machine, or returns it when one of that name exists with the same definition,
   * role and type (CreateStateMachine is idempotent so in Step Functions).
   *
   * @throws InvalidDefinitionException with the engine's diagnostics
   * @throws StateMachineAlreadyExistsException when the name is taken by another definition
   * @throws InvalidNameException when the name is not 1 to 80 letters, digits, '-' or '_'
   */
  public StateMachineRecord create(Create request) {
    ResourceNames.check("State Machine", request.name());
    validate(request);
    String arn = arnOf(request.name());
    String revisionId = revisionId(request);
    Optional<StateMachineRecord> existing = describe(arn);
    if (existing.isPresent()) {
      if (existing.get().getRevisionId().equals(revisionId)) {
        return existing.get();
      }
      throw new StateMachineAlreadyExistsException(
          "State Machine Already Exists: '" + arn + "' with another definition, role or type");
    }
    Instant now = clock.instant();
    StateMachineRecord record =
        new StateMachineRecord(
            arn,
            request.name(),
            request.type().name(),
            request.definition(),
            request.roleArn(),
            revisionId,
            request.description().orElse(null),
            now,
            now,
            request.logging().level().name(),
            request.logging().includeExecutionData());
    write(arn, revisionId, record);
    return record;
  }

  private static void validate(Create request) {
    List<Diagnostic> errors =
        diagnostics(request.definition(), request.type()).stream()
            .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
            .toList();
    if (!errors.isEmpty()) {
      throw new InvalidDefinitionException(errors);
    }
  }

  /**
   * What is wrong with a definition for a state machine of this type, errors and warnings, each
   * with where it points: the engine's checks, then (for a valid Express definition) the Task
   * resources Express refuses.
   */
  public static List<Diagnostic> diagnostics(String definition, Type type) {
    ParseResult parsed = DefinitionParser.parse(definition);
    if (!parsed.isValid() || type != Type.EXPRESS) {
      return parsed.diagnostics();
    }
    List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
    all.addAll(ExpressRestrictions.violations(definition));
    return all;
  }

  /** What UpdateStateMachine asks to change; what is empty stays as it is. */
  public record Update(
      Optional<String> definition, Optional<String> roleArn, Optional<Logging> logging) {
    public Update {
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(logging, "logging");
    }
  }

  /**
   * Makes a new revision of a state machine; executions started before keep running on theirs. An
   * update that changes nothing returns the current revision.
   *
   * @param current the state machine's current revision
   * @throws InvalidDefinitionException with the engine's diagnostics
   */
  public StateMachineRecord update(StateMachineRecord current, Update update) {
    Create next =
        new Create(
            current.getName(),
            update.definition().orElse(current.getDefinition()),
            update.roleArn().orElse(current.getRoleArn()),
            Type.valueOf(current.getType()),
            Optional.ofNullable(current.getDescription()),
            update
                .logging()
                .orElse(
                    new Logging(
                        LogLevel.valueOf(current.getLoggingLevel()),
                        current.getIncludeExecutionData())));
    validate(next);
    String revisionId = revisionId(next);
    if (revisionId.equals(current.getRevisionId())) {
      return current;
    }
    StateMachineRecord record =
        new StateMachineRecord(
            current.getArn(),
            next.name(),
            next.type().name(),
            next.definition(),
            next.roleArn(),
            revisionId,
            next.description().orElse(null),
            current.getCreatedAt(),
            clock.instant(),
            next.logging().level().name(),
            next.logging().includeExecutionData());
    write(current.getArn(), revisionId, record);
    return record;
  }

  /**
   * Deletes a state machine, its versions and its aliases: it is no longer described, listed or
   * started, and its name is free. Its revisions stay, so executions that run keep running. The
   * versions and aliases go first: a crash in between leaves a state machine without them, never
   * versions of a state machine that is gone.
   */
  public void delete(String arn) {
    qualifiers.removeAllOf(arn);
    if (describe(arn).isEmpty()) {
      return;
    }
    catalog.write(List.of(CompactedCatalog.Change.remove(arn)));
  }

  /** Whether a state machine, a version or an alias of this ARN exists (e.g. to tag it). */
  public boolean exists(String arn) {
    return describe(arn).isPresent() || qualifiers.exists(arn);
  }

  /**
   * What a start of this ARN runs: the state machine's current revision, a version's revision, or
   * the revision of the version an alias picks by weight.
   *
   * @param percentile a uniform random draw from 0 to 99, for an alias that routes to two versions
   * @return empty when no such state machine, version or alias exists
   */
  public Optional<ExecutionTarget> target(StateMachineArn arn, int percentile) {
    return switch (arn.kind()) {
      case MACHINE -> describe(arn.machine()).map(ExecutionTarget::current);
      case VERSION -> versionTarget(arn.arn(), Optional.empty());
      case ALIAS ->
          aliases
              .alias(arn.arn())
              .flatMap(
                  alias ->
                      versionTarget(
                          AliasRouting.pick(alias.getRoutes(), percentile)
                              .getStateMachineVersionArn(),
                          Optional.of(alias.getArn())));
    };
  }

  private Optional<ExecutionTarget> versionTarget(String versionArn, Optional<String> aliasArn) {
    return versions
        .version(versionArn)
        .flatMap(
            version ->
                revision(version.getStateMachineArn(), version.getRevisionId())
                    .map(
                        revision ->
                            new ExecutionTarget(revision, Optional.of(versionArn), aliasArn)));
  }

  /** The current revision of every state machine, in ARN order. */
  public List<StateMachineRecord> list() {
    return catalog.all().entrySet().stream()
        .filter(entry -> entry.getKey().equals(entry.getValue().getArn()))
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparing(StateMachineRecord::getArn))
        .toList();
  }

  /** The current revision of a state machine. */
  public Optional<StateMachineRecord> describe(String arn) {
    return catalog.get(arn);
  }

  /** One revision of a state machine, current or not. */
  public Optional<StateMachineRecord> revision(String arn, String revisionId) {
    return catalog.get(arn + ":" + revisionId);
  }

  private void write(String arn, String revisionId, StateMachineRecord record) {
    catalog.write(
        List.of(
            new CompactedCatalog.Change<>(arn + ":" + revisionId, record),
            new CompactedCatalog.Change<>(arn, record)));
  }

  private static String revisionId(Create request) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          List.of(
              request.type().name(),
              request.roleArn(),
              request.definition(),
              request.description().orElse(""),
              request.logging().level().name(),
              Boolean.toString(request.logging().includeExecutionData()))) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public void close() {
    try {
      qualifiers.close();
    } finally {
      catalog.close();
    }
  }
}
