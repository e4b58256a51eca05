package io.pipeline.ingest.mqtt;

import java.util.Arrays;
import java.util.List;

/**
 * An MQTT topic filter: topic levels separated by {@code /}, where {@code +} matches one level and
 * a final {@code #} matches any number of levels, including none (MQTT 5, 4.7).
 */
public record MqttTopicFilter(String text) {

  public MqttTopicFilter {
    String problem = problem(text);
    if (problem != null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid MQTT topic filter: " + problem);
    }
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
    List<String> filter = levels(text);
    List<String> name = levels(topic);
    if (topic.startsWith("$") && !filter.isEmpty() && isWildcard(filter.get(0))) {
      return false; // MQTT 5, 4.7.2: wildcards at the first level do not match $-topics
    }
    for (int i = 0; i < filter.size(); i++) {
      String level = filter.get(i);
      if (level.equals("#")) {
        return true;
      }
      if (i >= name.size() || !(level.equals("+") || level.equals(name.get(i)))) {
        return false;
      }
    }
    return filter.size() == name.size();
  }

  /** Whether some topic matches both filters (the broker would then deliver it twice). */
  public boolean overlaps(MqttTopicFilter other) {
    List<String> a = levels(text);
    List<String> b = levels(other.text);
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

  private static boolean isWildcard(String level) {
    return level.equals("+") || level.equals("#");
  }

  @Override
  public String toString() {
    return text;
  }
}
