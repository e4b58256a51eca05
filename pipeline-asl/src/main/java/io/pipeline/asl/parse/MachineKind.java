package io.pipeline.asl.parse;

import java.util.Set;

/** Where a state machine sits in a definition, which decides its fields. */
enum MachineKind {
  TOP_LEVEL("the state machine", StateFields.TOP_LEVEL),
  BRANCH("a Parallel state's branch", StateFields.BRANCH),
  ITEM_PROCESSOR("a Map state's ItemProcessor", StateFields.ITEM_PROCESSOR),
  /** The older name of ItemProcessor; AWS accepts ProcessorConfig in it too. */
  ITERATOR("a Map state's Iterator", StateFields.ITEM_PROCESSOR);

  private final String description;
  private final Set<String> fields;

  MachineKind(String description, Set<String> fields) {
    this.description = description;
    this.fields = fields;
  }

  String description() {
    return description;
  }

  /** Whether it is a Map state's processor, which may have a ProcessorConfig. */
  boolean processor() {
    return this == ITEM_PROCESSOR || this == ITERATOR;
  }

  FieldTable fields() {
    return FieldTable.either(fields);
  }
}
