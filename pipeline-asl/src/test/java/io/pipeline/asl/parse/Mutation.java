package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One random change to a definition: it picks an object or array of the document by {@code target}
 * and changes the child picked by {@code child}.
 *
 * @param kind what the change does
 * @param target which object or array, modulo their number
 * @param child which field or element, modulo their number
 * @param key the name an added or renamed field gets
 * @param value the value an added or replaced child gets
 */
record Mutation(Kind kind, int target, int child, String key, JsonNode value) {

  /** The changes. */
  enum Kind {
    REMOVE,
    REPLACE,
    ADD,
    RENAME
  }

  /** A deep copy of {@code definition} with every mutation applied in turn. */
  static JsonNode applyAll(JsonNode definition, List<Mutation> mutations) {
    JsonNode copy = definition.deepCopy();
    mutations.forEach(m -> m.apply(copy));
    return copy;
  }

  private void apply(JsonNode document) {
    List<JsonNode> containers = new ArrayList<>();
    collect(document, containers);
    JsonNode container = containers.get(target % containers.size());
    if (container instanceof ObjectNode object) {
      apply(object);
    } else if (container instanceof ArrayNode array) {
      apply(array);
    }
  }

  private void apply(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (kind == Kind.ADD || names.isEmpty()) {
      object.set(key, value.deepCopy());
      return;
    }
    String name = names.get(child % names.size());
    switch (kind) {
      case REMOVE -> object.remove(name);
      case REPLACE -> object.set(name, value.deepCopy());
      case RENAME -> object.set(key, object.remove(name));
      case ADD -> throw new IllegalStateException("handled above");
    }
  }

  private void apply(ArrayNode array) {
    if (kind == Kind.ADD || kind == Kind.RENAME || array.isEmpty()) {
      array.insert(child % (array.size() + 1), value.deepCopy());
      return;
    }
    int index = child % array.size();
    if (kind == Kind.REMOVE) {
      array.remove(index);
    } else {
      array.set(index, value.deepCopy());
    }
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }
}
