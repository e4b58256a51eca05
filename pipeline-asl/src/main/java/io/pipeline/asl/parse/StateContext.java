package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.QueryLanguage;
import java.util.Set;

/**
 * A state being validated.
 *
 * @param name its name
 * @param at its JSON Pointer, e.g. {@code /States/M/ItemProcessor/States/X}
 * @param json its definition
 * @param type its type
 * @param language its effective query language
 * @param scope the names of the states it may move to: those of its own state machine
 */
record StateContext(
    String name,
    String at,
    JsonNode json,
    StateType type,
    QueryLanguage language,
    Set<String> scope) {

  /** Whether the state's table allows a field in its query language. */
  boolean allows(String field) {
    return StateFields.of(type).fields(language).contains(field);
  }

  boolean jsonPath() {
    return language == QueryLanguage.JSONPATH;
  }

  /** The pointer of one of its fields. */
  String at(String field) {
    return Pointers.field(at, field);
  }

  /** How messages name it, e.g. {@code the Pass state 'Start'}. */
  String describe() {
    return "the " + type.spelling() + " state '" + name + "'";
  }
}
