package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.QueryLanguage;

/** Validates the state machines nested in a state: a Parallel's branches, a Map's processor. */
@FunctionalInterface
interface NestedMachines {

  /**
   * @param machine the nested machine's JSON
   * @param at its JSON Pointer
   * @param language the query language of the state that holds it, which its states inherit
   * @param kind what it is
   */
  void validate(JsonNode machine, String at, QueryLanguage language, MachineKind kind);
}
