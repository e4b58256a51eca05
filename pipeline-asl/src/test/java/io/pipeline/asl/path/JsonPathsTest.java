package io.pipeline.asl.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldKeepBackslashThatEscapesNothingInQuotedName() throws Exception {
    JsonNode data = JSON.readTree("{\"a\\\\\\\"b\": 1}");

    assertThat(JsonPaths.read("$['a\\\"b']", data, data)).hasValue(JSON.readTree("1"));
  }

  @Test
  void shouldStillUnescapeQuoteOfQuotedName() throws Exception {
    JsonNode data = JSON.readTree("{\"it's\": 2}");

    assertThat(JsonPaths.read("$['it\\'s']", data, data)).hasValue(JSON.readTree("2"));
  }

  @Test
  void shouldGiveEmptyArrayWhenIndefinitePathNamesNothing() throws Exception {
    JsonNode data = JSON.readTree("{}");

    assertThat(JsonPaths.read("$.items[*].id", data, data)).hasValue(JSON.readTree("[]"));
    assertThat(JsonPaths.read("$.items", data, data)).isEmpty();
  }

  @Test
  void shouldReadContextObjectWithDoubleDollar() throws Exception {
    JsonNode context = JSON.readTree("{\"State\": {\"Name\": \"S\"}}");

    assertThat(JsonPaths.read("$$.State.Name", JSON.readTree("{}"), context))
        .hasValue(JSON.readTree("\"S\""));
  }

  @Test
  void shouldReadVariablesAndPathsInsideThem() throws Exception {
    PathScope scope =
        new PathScope(
            JSON.readTree("{}"),
            JSON.readTree("{}"),
            Map.of("order", JSON.readTree("{\"id\": 7}")));

    assertThat(scope.read("$order.id")).hasValue(JSON.readTree("7"));
    assertThat(PathScope.isVariable("$order")).isTrue();
    assertThat(PathScope.isVariable("$.order")).isFalse();
    assertThat(PathScope.isVariable("$$.Execution")).isFalse();
  }
}
