package io.pipeline.transform.express;

import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.transform.streams.ProcessingGuarantee;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Express step on streams, as its steps file declares it: the state machine that runs on each
 * record of {@code source}, whose output goes to {@code sink} and whose failures go to {@code
 * deadLetters}.
 *
 * @param name unique among the steps and part of the application id: {@value #NAME_PATTERN}
 * @param definition the ASL definition's text
 * @param definitionSource where the definition was read: its file, or the steps file for one given
 *     inline; for messages
 * @param source the topic read (String keys, JSON values)
 * @param sink the topic a succeeded execution's output goes to, keyed as the record was
 * @param deadLetters the topic of records that failed ({@code DeadLetter}); by default {@value
 *     PipelineTopics#TRANSFORM_DEAD_LETTERS}
 * @param processingGuarantee at least once (the default) or exactly once
 */
public record StreamStep(
    String name,
    String definition,
    String definitionSource,
    String source,
    String sink,
    String deadLetters,
    ProcessingGuarantee processingGuarantee) {

  /** What a step's name may hold: it is part of an application id and of processor names. */
  public static final String NAME_PATTERN = "[A-Za-z0-9._-]+";

  static final Pattern NAME = Pattern.compile(NAME_PATTERN);

  public StreamStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(definitionSource, "definitionSource");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(processingGuarantee, "processingGuarantee");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a step's name must match " + NAME_PATTERN + ", not '" + name + "'");
    }
  }
}
