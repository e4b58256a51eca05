package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Execution names that Step Functions accepts (1 to 80 characters; no white space, brackets,
 * wildcards, control characters or any of {@code " # % \ ^ | ~ ` $ & , ; : /}), made from event
 * values deterministically: the same value always gives the same name.
 */
public final class ExecutionNames {

  /** Step Functions' longest name. */
  public static final int MAX_LENGTH = 80;

  /** Hex digits of SHA-256 appended to a changed name: 64 bits, no collision in practice. */
  static final int HASH_LENGTH = 16;

  private static final int PREFIX_LENGTH = MAX_LENGTH - 1 - HASH_LENGTH;
  private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

  private ExecutionNames() {}

  /**
   * A valid name for a value: the value itself when it is one; otherwise its allowed characters
   * (each run of others becomes one {@code _}), cut to fit, then {@code -} and a hash of the whole
   * value. The hash keeps values that differ only in what was replaced or cut apart, e.g. {@code "a
   * b"} and {@code "a_b"}.
   */
  public static String of(String value) {
    if (isValid(value)) {
      return value;
    }
    String prefix = readable(value);
    return prefix.isEmpty() ? hash(value) : prefix + "-" + hash(value);
  }

  /**
   * The name of a rule's execution when the rule sets none: the rule's name, {@code -} and a hash
   * of the rule's name and the event's content (fields sorted, so their order does not count).
   *
   * <p>Why the content and not the record's topic, partition and offset: the same event may be
   * published again (a producer's retry, a bridge that re-reads after a crash, a replay into a new
   * topic) at another offset, and must still name the execution it already started. The content
   * does not change with re-publication; events that are different carry something different (an
   * event id, a time, an ETag). The rule's name is part of it so that two rules starting the same
   * state machine for one event start two executions.
   */
  public static String byContent(String ruleName, JsonNode event) {
    String prefix = readable(ruleName);
    String hash = hash(ruleName + '\u0000' + canonical(event));
    return prefix.isEmpty() ? hash : prefix + "-" + hash;
  }

  /** Whether Step Functions accepts a name. */
  public static boolean isValid(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    return name.codePoints().allMatch(ExecutionNames::allowed);
  }

  private static boolean allowed(int c) {
    return c > ' '
        && !(c >= 0x7f && c <= 0x9f)
        && FORBIDDEN.indexOf(c) < 0
        && !Character.isWhitespace(c)
        && !Character.isSpaceChar(c)
        && Character.getType(c) != Character.SURROGATE;
  }

  /** The allowed characters of a value, runs of others as one {@code _}, at most the prefix. */
  private static String readable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < PREFIX_LENGTH; ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (allowed(c)) {
        if (out.length() + Character.charCount(c) > PREFIX_LENGTH) {
          break;
        }
        out.appendCodePoint(c);
      } else if (out.length() == 0 || out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    return out.toString();
  }

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HASH_LENGTH / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The event as JSON text with every object's fields sorted by name. */
  static String canonical(JsonNode node) {
    return sorted(node).toString();
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      names.forEach(name -> copy.set(name, sorted(node.get(name))));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return node;
  }
}
