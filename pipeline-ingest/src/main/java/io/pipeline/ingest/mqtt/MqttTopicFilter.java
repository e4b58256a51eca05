package io.pipeline.ingest.mqtt;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An MQTT topic filter: topic levels separated by {@code /}, where {@code +} matches one level and
 * a final {@code #} matches any number of levels, including none (MQTT 5, 4.7).
 *
 * <p>The filter is split into levels once; {@link #matches} walks the topic in place, since the
 * bridge matches every message it copies.
 */
public final class MqttTopicFilter {

  private final String text;
  private final List<String> levels;

  /**
   * @throws IllegalArgumentException when the text is not a valid filter, saying why
   */
  public MqttTopicFilter(String text) {
    String problem = problem(text);
    if (problem != null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid MQTT topic filter: " + problem);
    }
    this.text = text;
    this.levels = List.copyOf(levels(text));
  }

  /** The filter as written. */
  public String text() {
    return text;
  }

  private static String problem(String text) {
    if (text == null || text.isEmpty()) {
      return "it is empty";
    }
    if (text.startsWith("$share/")) {
      return "give the filter without $share/<group>/: the bridge adds its own group";
    }
    if (text.indexOf('\u0000') >= 0) {
      return "it contains a NUL character";
    }
    List<String> levels = levels(text);
    for (int i = 0; i < levels.size(); i++) {
      String level = levels.get(i);
      if (level.equals("#") && i != levels.size() - 1) {
        return "'#' must be the last level";
      }
      if (level.length() > 1 && (level.contains("+") || level.contains("#"))) {
        return "'+' and '#' must stand alone in a level (level " + i + " is '" + level + "')";
      }
    }
    return null;
  }

  /** Whether a message published to this topic matches the filter. */
  public boolean matches(String topic) {
    if (topic.startsWith("$") && isWildcard(levels.get(0))) {
      return false; // MQTT 5, 4.7.2: wildcards at the first level do not match $-topics
    }
    int start = 0; // where the topic's next level starts; -1 once it has none left
    for (String level : levels) {
      if (level.equals("#")) {
        return true;
      }
      if (start < 0) {
        return false;
      }
      int slash = topic.indexOf('/', start);
      int end = slash < 0 ? topic.length() : slash;
      boolean same = level.length() == end - start && topic.startsWith(level, start);
      if (!same && !level.equals("+")) {
        return false;
      }
      start = slash < 0 ? -1 : slash + 1;
    }
    return start < 0;
  }

  /** Whether some topic matches both filters (the broker would then deliver it twice). */
  public boolean overlaps(MqttTopicFilter other) {
    List<String> a = levels;
    List<String> b = other.levels;
    int i = 0;
    for (; i < a.size() && i < b.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (x.equals("#") || y.equals("#")) {
        return true;
      }
      if (!x.equals("+") && !y.equals("+") && !x.equals(y)) {
        return false;
      }
    }
    if (a.size() == b.size()) {
      return true;
    }
    List<String> longer = a.size() > b.size() ? a : b;
    return longer.get(i).equals("#") && longer.size() == i + 1;
  }

  /** The topic's levels, e.g. {@code devices/d-1/telemetry} has three. */
  static List<String> levels(String topic) {
    return Arrays.asList(topic.split("/", -1));
  }

  /**
   * One level of a topic, from 0, found in place.
   *
   * @return empty when the topic has fewer levels
   */
  static Optional<String> level(String topic, int index) {
    int start = 0;
    for (int i = 0; i < index; i++) {
      int slash = topic.indexOf('/', start);
      if (slash < 0) {
        return Optional.empty();
      }
      start = slash + 1;
    }
    int slash = topic.indexOf('/', start);
    return Optional.of(topic.substring(start, slash < 0 ? topic.length() : slash));
  }

  private static boolean isWildcard(String level) {
    return level.equals("+") || level.equals("#");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MqttTopicFilter filter && filter.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
