package io.pipeline.asl.jsonata;

/** The {@code {% expression %}} templates of JSONata-mode fields. */
public final class JsonataTemplates {

  private JsonataTemplates() {}

  /** Whether a string is a JSONata template. */
  public static boolean isTemplate(String text) {
    String trimmed = text.strip();
    return trimmed.startsWith("{%") && trimmed.endsWith("%}") && trimmed.length() >= 4;
  }

  /** The expression inside a template. */
  public static String expression(String template) {
    String trimmed = template.strip();
    return trimmed.substring(2, trimmed.length() - 2).strip();
  }
}
