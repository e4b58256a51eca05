package io.pipeline.orchestrator.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.integrations.HttpFormEncoding.ArrayFormat;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpFormEncodingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARRAY = "{\"array\": [\"a\", \"b\", \"c\"]}";

  @Test
  void shouldWriteIndicesWhenArrayFormatIsIndices() {
    assertThat(decoded(ARRAY, ArrayFormat.INDICES)).isEqualTo("array[0]=a&array[1]=b&array[2]=c");
  }

  @Test
  void shouldWriteEmptyBracketsWhenArrayFormatIsBrackets() {
    assertThat(decoded(ARRAY, ArrayFormat.BRACKETS)).isEqualTo("array[]=a&array[]=b&array[]=c");
  }

  @Test
  void shouldRepeatTheNameWhenArrayFormatIsRepeat() {
    assertThat(decoded(ARRAY, ArrayFormat.REPEAT)).isEqualTo("array=a&array=b&array=c");
  }

  @Test
  void shouldJoinWithCommasWhenArrayFormatIsCommas() {
    // when
    String encoded = HttpFormEncoding.encode(json(ARRAY), ArrayFormat.COMMAS);

    // then: the separators stay commas, a comma inside a value is escaped
    assertThat(encoded).isEqualTo("array=a,b,c");
    assertThat(HttpFormEncoding.encode(json("{\"a\": [\"x,y\", 1]}"), ArrayFormat.COMMAS))
        .isEqualTo("a=x%2Cy,1");
  }

  @Test
  void shouldNestObjectsWithBracketsWhenFieldsHoldObjects() {
    // given
    String body =
        "{\"customer\": {\"name\": \"Ada\", \"address\": {\"city\": \"London\"}},"
            + " \"items\": [{\"sku\": \"s1\", \"qty\": 2}, {\"sku\": \"s2\", \"qty\": 1}]}";

    // then
    assertThat(decoded(body, ArrayFormat.INDICES))
        .isEqualTo(
            "customer[name]=Ada&customer[address][city]=London"
                + "&items[0][sku]=s1&items[0][qty]=2&items[1][sku]=s2&items[1][qty]=1");
    assertThat(decoded(body, ArrayFormat.BRACKETS))
        .endsWith("&items[][sku]=s1&items[][qty]=2&items[][sku]=s2&items[][qty]=1");
  }

  @Test
  void shouldEscapeNamesAndValuesWhenTheyHoldReservedCharacters() {
    // given
    JsonNode body = json("{\"q&a\": \"1 + 1 = 2\", \"note\": \"caf\u00e9/\u20ac\"}");

    // when
    String encoded = HttpFormEncoding.encode(body, ArrayFormat.INDICES);

    // then
    assertThat(encoded).isEqualTo("q%26a=1+%2B+1+%3D+2&note=caf%C3%A9%2F%E2%82%AC");
  }

  @Test
  void shouldWriteScalarsAsTextAndNullAsEmptyWhenValuesAreNotStrings() {
    assertThat(
            decoded(
                "{\"n\": 1.5, \"t\": true, \"z\": null, \"e\": [], \"o\": {}}",
                ArrayFormat.INDICES))
        .isEqualTo("n=1.5&t=true&z=");
  }

  @Test
  void shouldRefuseABodyThatIsNotAnObject() {
    assertThatThrownBy(() -> HttpFormEncoding.encode(json("[1, 2]"), ArrayFormat.INDICES))
        .isInstanceOfSatisfying(
            TaskFailure.class,
            f -> {
              assertThat(f.error()).isEqualTo("States.Runtime");
              assertThat(f.cause()).contains("RequestBody").contains("an array");
            });
  }

  @Test
  void shouldRefuseObjectsInAnArrayWhenArrayFormatIsCommas() {
    assertThatThrownBy(
            () -> HttpFormEncoding.encode(json("{\"a\": [{\"b\": 1}]}"), ArrayFormat.COMMAS))
        .isInstanceOfSatisfying(
            TaskFailure.class,
            f -> {
              assertThat(f.error()).isEqualTo("States.Runtime");
              assertThat(f.cause()).contains("'a'").contains("COMMAS");
            });
  }

  private static String decoded(String body, ArrayFormat format) {
    return URLDecoder.decode(HttpFormEncoding.encode(json(body), format), StandardCharsets.UTF_8);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
