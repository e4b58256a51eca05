package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode request(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void shouldReadTagsInOrderWithALaterKeyReplacingAnEarlierOne() throws Exception {
    // given
    JsonNode input =
        request(
            """
            {"tags": [{"key": "team", "value": "a"}, {"key": "env"},
                      {"key": "team", "value": "b"}]}
            """);

    // when
    Map<String, String> tags = TagRules.tags(input, "tags");

    // then
    assertThat(tags).containsExactly(Map.entry("team", "b"), Map.entry("env", ""));
  }

  @Test
  void shouldReadNoTagsWhenTheFieldIsAbsent() throws Exception {
    assertThat(TagRules.tags(request("{}"), "tags")).isEmpty();
  }

  @Test
  void shouldRefuseKeysAndValuesOutsideTheirLengthsNamingWhere() throws Exception {
    String longKey = "k".repeat(129);
    String longValue = "v".repeat(257);

    assertThatThrownBy(() -> TagRules.tags(request("{\"tags\": [{\"key\": \"\"}]}"), "tags"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo("ValidationException");
              assertThat(e.getMessage()).contains("'tags.1.member.key'").contains("greater than");
            });
    assertThatThrownBy(
            () ->
                TagRules.tags(
                    request("{\"tags\": [{\"key\": \"ok\"}, {\"key\": \"" + longKey + "\"}]}"),
                    "tags"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.getMessage()).contains("'tags.2.member.key'").contains("128"));
    assertThatThrownBy(
            () ->
                TagRules.tags(
                    request("{\"tags\": [{\"key\": \"k\", \"value\": \"" + longValue + "\"}]}"),
                    "tags"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.getMessage()).contains("'tags.1.member.value'").contains("256"));
  }

  @Test
  void shouldAcceptTheLongestKeyAndValueAndUnicodeLetters() throws Exception {
    // given
    ObjectNode input = JSON.createObjectNode();
    ArrayNode tags = input.putArray("tags");
    tags.addObject().put("key", "k".repeat(128)).put("value", "v".repeat(256));
    tags.addObject().put("key", "Größe é 1_.:/=+-@").put("value", "");

    // when
    Map<String, String> read = TagRules.tags(input, "tags");

    // then
    assertThat(read).hasSize(2);
  }

  @Test
  void shouldRefuseCharactersOutsideTheAllowedOnes() throws Exception {
    assertThatThrownBy(() -> TagRules.tags(request("{\"tags\": [{\"key\": \"a*b\"}]}"), "tags"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo("ValidationException");
              assertThat(e.getMessage()).contains("regular expression");
            });
  }

  @Test
  void shouldRefuseMoreThanFiftyTagsNamingTheResource() {
    // given
    Map<String, String> current = new java.util.TreeMap<>();
    for (int i = 0; i < 49; i++) {
      current.put("k" + i, "v");
    }

    // when
    Map<String, String> fifty = TagRules.merged(current, Map.of("k0", "w", "new", "v"));
    Map<String, String> fiftyOne = TagRules.merged(fifty, Map.of("one-more", "v"));

    // then
    TagRules.checkCount(fifty, "arn:x");
    assertThat(fifty).hasSize(50).containsEntry("k0", "w");
    assertThatThrownBy(() -> TagRules.checkCount(fiftyOne, "arn:x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo("TooManyTags");
              assertThat(e.details()).containsEntry("resourceName", "arn:x");
            });
  }

  @Test
  void shouldRequireTagKeysForUntagging() throws Exception {
    assertThat(TagRules.keys(request("{\"tagKeys\": [\"a\", \"b\"]}"))).containsExactly("a", "b");
    assertThatThrownBy(() -> TagRules.keys(request("{}")))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.type()).isEqualTo("ValidationException"));
  }
}
