package io.pipeline.asl.parse;

/** Builds JSON Pointers (RFC 6901) such as {@code /States/Check~1Fix/Next}. */
public final class Pointers {

  private Pointers() {}

  /** The pointer of a field of the object at {@code at}, its name escaped. */
  public static String field(String at, String name) {
    return at + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer of an element of the array at {@code at}. */
  public static String index(String at, int index) {
    return at + "/" + index;
  }
}
