package io.pipeline.orchestrator.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTaskParametersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldAppendQueryParametersEscapedWhenTheEndpointHasAQueryAlready() {
    // given
    JsonNode parameters =
        json(
            "{\"ApiEndpoint\": \"https://api.example.com/v1/customers?limit=3#top\","
                + " \"Method\": \"GET\","
                + " \"QueryParameters\": {\"email\": \"ada+1@example.com\", \"name\": \"Ada L\","
                + " \"expand[]\": [\"a\", \"b\"], \"n\": 7}}");

    // when
    HttpTaskRequest request = HttpTaskParameters.read(parameters);

    // then
    assertThat(request.uri().toString())
        .isEqualTo(
            "https://api.example.com/v1/customers?limit=3"
                + "&email=ada%2B1%40example.com&name=Ada%20L"
                + "&expand%5B%5D=a&expand%5B%5D=b&n=7");
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.body()).isEmpty();
    assertThat(request.connectionArn()).isEmpty();
  }

  @Test
  void shouldKeepTheEndpointAsGivenWhenThereAreNoQueryParameters() {
    HttpTaskRequest request =
        HttpTaskParameters.read(
            json("{\"ApiEndpoint\": \"http://localhost:8080/a%20b?x=1\", \"Method\": \"DELETE\"}"));

    assertThat(request.uri().toString()).isEqualTo("http://localhost:8080/a%20b?x=1");
    assertThat(request.target()).isEqualTo("localhost:8080");
  }

  @Test
  void shouldSendJsonWithItsContentTypeWhenTheBodyIsAnObject() {
    // when
    HttpTaskRequest request =
        HttpTaskParameters.read(
            json(
                "{\"ApiEndpoint\": \"https://api.example.com/orders\", \"Method\": \"POST\","
                    + " \"Headers\": {\"X-Tenant\": \"t1\", \"X-Count\": 3},"
                    + " \"RequestBody\": {\"id\": 1, \"tags\": [\"a\"]},"
                    + " \"Authentication\": {\"ConnectionArn\": \"orders\"}}"));

    // then
    assertThat(request.body()).contains("{\"id\":1,\"tags\":[\"a\"]}");
    assertThat(request.header("content-type")).contains("application/json; charset=UTF-8");
    assertThat(request.header("x-tenant")).contains("t1");
    assertThat(request.header("X-Count")).contains("3");
    assertThat(request.connectionArn()).contains("orders");
  }

  @Test
  void shouldSendAStringBodyAsItIsWhenTheBodyIsAString() {
    HttpTaskRequest request =
        HttpTaskParameters.read(
            json(
                "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"PUT\","
                    + " \"RequestBody\": \"<a>1</a>\", \"Headers\": {\"Content-Type\": \"application/xml\"}}"));

    assertThat(request.body()).contains("<a>1</a>");
    assertThat(request.header("Content-Type")).contains("application/xml");
    assertThat(
            HttpTaskParameters.read(
                    json(
                        "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"PUT\","
                            + " \"RequestBody\": \"plain\"}"))
                .header("Content-Type"))
        .contains("text/plain; charset=UTF-8");
  }

  @Test
  void shouldUrlEncodeTheBodyWithItsArrayFormatWhenTransformSaysUrlEncoded() {
    // when
    HttpTaskRequest request =
        HttpTaskParameters.read(
            json(
                "{\"ApiEndpoint\": \"https://api.stripe.example/v1/invoices\", \"Method\": \"POST\","
                    + " \"RequestBody\": {\"customer\": \"cus_1\", \"items\": [\"i1\", \"i2\"]},"
                    + " \"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\","
                    + " \"RequestEncodingOptions\": {\"ArrayFormat\": \"REPEAT\"}}}"));

    // then
    assertThat(request.body()).contains("customer=cus_1&items=i1&items=i2");
    assertThat(request.header("Content-Type")).contains("application/x-www-form-urlencoded");
  }

  @Test
  void shouldUseIndicesWhenUrlEncodedWithoutAnArrayFormat() {
    HttpTaskRequest request =
        HttpTaskParameters.read(
            json(
                "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"POST\","
                    + " \"RequestBody\": {\"a\": [\"x\"]},"
                    + " \"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\"}}"));

    assertThat(request.body()).contains("a%5B0%5D=x");
  }

  @Test
  void shouldIgnoreContentLengthWhenATaskSetsIt() {
    HttpTaskRequest request =
        HttpTaskParameters.read(
            json(
                "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"POST\","
                    + " \"Headers\": {\"Content-Length\": \"999\"}, \"RequestBody\": {}}"));

    assertThat(request.header("Content-Length")).isEmpty();
    assertThat(request.body()).contains("{}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization",
        "host",
        "Connection",
        "Transfer-Encoding",
        "If-None-Match",
        "X-Amz-Date",
        "x-amzn-trace-id",
        "X-Forwarded-For",
        "Proxy-Authorization",
        "Accept-Encoding"
      })
  void shouldRefuseAHeaderAwsRefusesWhenATaskSetsIt(String header) {
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"GET\","
                        + " \"Headers\": {\""
                        + header
                        + "\": \"v\"}}")),
        "'" + header + "' cannot be set");
  }

  @Test
  void shouldSayCredentialsComeFromTheConnectionWhenATaskSetsAuthorization() {
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"GET\","
                        + " \"Headers\": {\"Authorization\": \"Bearer x\"}}")),
        "Authentication.ConnectionArn");
  }

  @Test
  void shouldNameTheFieldWhenParametersAreWrong() {
    assertRuntimeFailure(
        () -> HttpTaskParameters.read(json("{\"Method\": \"GET\"}")), "ApiEndpoint is required");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json("{\"ApiEndpoint\": \"ftp://x.example\", \"Method\": \"GET\"}")),
        "ApiEndpoint 'ftp://x.example' must be an https:// or http:// URL");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json("{\"ApiEndpoint\": \"https://x y\", \"Method\": \"GET\"}")),
        "ApiEndpoint 'https://x y' is not a valid URL");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json("{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"get\"}")),
        "Method 'get' is not one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    assertRuntimeFailure(
        () -> HttpTaskParameters.read(json("{\"ApiEndpoint\": \"https://x.example\"}")),
        "Method is required");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"GET\", \"Header\": {}}")),
        "unknown field 'Header'");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"GET\","
                        + " \"Headers\": {\"X-A\": {\"b\": 1}}}")),
        "Headers.X-A must be a string, number or boolean; it is an object");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"GET\","
                        + " \"Headers\": {\"Bad Name\": \"v\"}}")),
        "'Bad Name' is not a header name");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"GET\","
                        + " \"QueryParameters\": {\"q\": {\"deep\": 1}}}")),
        "QueryParameters.q must be a string, number or boolean");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"GET\","
                        + " \"Authentication\": {}}")),
        "Authentication.ConnectionArn is required");
  }

  @Test
  void shouldNameTheTransformFieldWhenTransformIsWrong() {
    assertRuntimeFailure(
        () -> HttpTaskParameters.read(transform("{\"RequestBodyEncoding\": \"FORM\"}")),
        "Transform.RequestBodyEncoding 'FORM' is not one of NONE, URL_ENCODED");
    assertRuntimeFailure(
        () ->
            HttpTaskParameters.read(
                transform(
                    "{\"RequestBodyEncoding\": \"URL_ENCODED\","
                        + " \"RequestEncodingOptions\": {\"ArrayFormat\": \"PIPES\"}}")),
        "ArrayFormat 'PIPES' is not one of BRACKETS, COMMAS, INDICES, REPEAT");
    assertRuntimeFailure(
        () -> HttpTaskParameters.read(transform("{\"Encoding\": \"NONE\"}")),
        "unknown field 'Transform.Encoding'");
  }

  @Test
  void shouldKeepTheTasksContentTypeWhenUrlEncoding() {
    HttpTaskRequest request =
        HttpTaskParameters.read(
            json(
                "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"POST\", \"RequestBody\": {\"a\": 1},"
                    + " \"Headers\": {\"content-type\": \"application/x-www-form-urlencoded; charset=UTF-8\"},"
                    + " \"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\"}}"));

    assertThat(request.header("Content-Type"))
        .isEqualTo(Optional.of("application/x-www-form-urlencoded; charset=UTF-8"));
    assertThat(request.headers()).hasSize(1);
  }

  @Test
  void shouldShowNoHeaderValueWhenPrinted() {
    HttpTaskRequest request =
        HttpTaskParameters.read(
                json(
                    "{\"ApiEndpoint\": \"https://x.example/p?token=secret-query\", \"Method\": \"GET\","
                        + " \"Headers\": {\"X-Api-Key\": \"secret-header\"}}"))
            .withHeader("Authorization", "Basic c2VjcmV0");

    assertThat(request.toString())
        .contains("x.example:443/p", "X-Api-Key", "Authorization")
        .doesNotContain("secret", "c2VjcmV0");
  }

  private static JsonNode transform(String transform) {
    return json(
        "{\"ApiEndpoint\": \"https://x.example\", \"Method\": \"POST\", \"RequestBody\": {\"a\": 1},"
            + " \"Transform\": "
            + transform
            + "}");
  }

  private static void assertRuntimeFailure(ThrowingCallable call, String causeFragment) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TaskFailure.class,
            f -> {
              assertThat(f.error()).isEqualTo("States.Runtime");
              assertThat(f.cause()).contains(causeFragment);
            });
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
