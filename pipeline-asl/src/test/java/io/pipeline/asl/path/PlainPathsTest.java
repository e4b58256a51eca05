package io.pipeline.asl.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paths of plain property names are read by walking the nodes rather than through Jayway: every
 * such read must give what Jayway gives, found, missing or null, on every kind of value.
 */
class PlainPathsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper DECIMALS =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private static final String DOCUMENT =
      """
      {"a": {"b": {"c": 1, "n": null, "t": "text", "f": false, "d": 2.5,
                   "big": 123456789012345678901234567890, "long": 12345678901,
                   "list": [1, {"c": 2}], "empty": {}}},
       "n": null, "s": "x", "list": [{"a": 1}], "_u": {"v1": [true]}, "A": 0}
      """;

  private static final List<String> PATHS =
      List.of(
          "$",
          "$.a",
          "$.a.b",
          "$.a.b.c",
          "$.a.b.n",
          "$.a.b.t",
          "$.a.b.f",
          "$.a.b.d",
          "$.a.b.big",
          "$.a.b.long",
          "$.a.b.list",
          "$.a.b.empty",
          "$.a.b.missing",
          "$.a.b.c.deeper",
          "$.a.b.n.deeper",
          "$.a.b.t.deeper",
          "$.a.b.list.c",
          "$.n",
          "$.n.x",
          "$.s.length",
          "$.list.a",
          "$._u.v1",
          "$.A",
          "$.a.missing.c",
          "$.missing");

  @Test
  void shouldReadPlainPathsAsJaywayDoesWhenValuesAreOfEveryKind() throws Exception {
    for (ObjectMapper mapper : List.of(JSON, DECIMALS)) {
      JsonNode data = mapper.readTree(DOCUMENT);
      for (String path : PATHS) {
        assertThat(JsonPaths.read(path, data, data))
            .as("%s (%s)", path, mapper == JSON ? "doubles" : "big decimals")
            .isEqualTo(JsonPaths.readWithJayway(path, path, data));
      }
    }
  }

  @Test
  void shouldReadPlainContextPathsAsJaywayDoesWhenPathStartsWithTwoDollars() throws Exception {
    JsonNode context = JSON.readTree(DOCUMENT);
    JsonNode data = JSON.readTree("{}");

    for (String path : PATHS) {
      assertThat(JsonPaths.read("$" + path, data, context))
          .as(path)
          .isEqualTo(JsonPaths.readWithJayway("$" + path, path, context));
    }
  }

  @Test
  void shouldReadScalarRootAsJaywayDoesWhenDataIsNoObject() throws Exception {
    for (String document : List.of("7", "\"s\"", "null", "[1, 2]", "true")) {
      JsonNode data = JSON.readTree(document);
      for (String path : List.of("$", "$.a", "$.a.b")) {
        assertThat(JsonPaths.read(path, data, data))
            .as("%s on %s", path, document)
            .isEqualTo(JsonPaths.readWithJayway(path, path, data));
      }
    }
  }
}
