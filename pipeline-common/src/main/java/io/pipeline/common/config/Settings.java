package io.pipeline.common.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where settings come from: system properties first, then environment variables, under the same
 * name. Reading a setting parses and validates it, so a service that reads all its settings at
 * start-up fails fast, with a message that names the setting, when one is wrong.
 */
public final class Settings {

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The settings of this process: its environment, overridden by its system properties. */
  public static Settings fromEnvironment() {
    Map<String, String> merged = new HashMap<>(System.getenv());
    System.getProperties().forEach((k, v) -> merged.put(k.toString(), v.toString()));
    return new Settings(merged);
  }

  /** Settings from a map, for tests and embedding. */
  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** The same settings with some values replaced. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Settings(merged);
  }

  /** The raw text of a setting, if set. */
  public Optional<String> raw(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * The value of a setting.
   *
   * @throws ConfigException when it is required and missing, or invalid
   */
  public <T> T get(Setting<T> setting) {
    String text =
        raw(setting.name())
            .or(setting::defaultValue)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "Setting "
                            + setting.name()
                            + " is required but not set: "
                            + setting.doc()));
    try {
      return setting.parser().apply(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Setting " + setting.name() + "='" + text + "' is invalid: " + e.getMessage(), e);
    }
  }
}
