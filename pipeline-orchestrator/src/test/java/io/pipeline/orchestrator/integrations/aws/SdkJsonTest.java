package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Step Functions' JSON to and from the AWS SDK's own model objects. */
class SdkJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shouldNameMembersInPascalCaseInAlphabeticalOrderWhenConvertingAResponse() {
    // given
    ListObjectsV2Response response =
        ListObjectsV2Response.builder()
            .name("landing")
            .isTruncated(true)
            .keyCount(1)
            .nextContinuationToken("token-1")
            .contents(
                S3Object.builder()
                    .key("in/a.csv")
                    .size(14L)
                    .eTag("\"4fa1\"")
                    .lastModified(Instant.parse("2024-01-31T12:00:00Z"))
                    .owner(Owner.builder().id("o-1").build())
                    .build())
            .build();

    // when
    JsonNode json = SdkJson.toJson(response);

    // then
    assertThat(json.get("Name").textValue()).isEqualTo("landing");
    assertThat(json.get("IsTruncated").booleanValue()).isTrue();
    assertThat(json.get("KeyCount").isInt()).isTrue();
    assertThat(json.get("NextContinuationToken").textValue()).isEqualTo("token-1");
    assertThat(json.has("Prefix")).as("members without a value are left out").isFalse();
    JsonNode item = json.at("/Contents/0");
    assertThat(item.get("Key").textValue()).isEqualTo("in/a.csv");
    assertThat(item.get("Size").longValue()).isEqualTo(14);
    assertThat(item.get("LastModified").textValue()).isEqualTo("2024-01-31T12:00:00.000Z");
    assertThat(item.at("/Owner/ID").textValue()).isEqualTo("o-1");
    assertThat(names(json)).isSorted();
    assertThat(names(item)).isSorted();
  }

  @Test
  void shouldSetMembersOfEveryKindWhenParametersFit() {
    // given
    JsonNode parameters =
        json(
            "{\"Bucket\":\"b\",\"Key\":\"k\",\"Metadata\":{\"team\":\"orders\"},"
                + "\"ObjectLockRetainUntilDate\":\"2030-01-01T00:00:00Z\",\"Expires\":1700000000,"
                + "\"ContentLength\":3,\"BucketKeyEnabled\":true,\"Body\":\"abc\"}");
    PutObjectRequest.Builder builder = PutObjectRequest.builder();
    List<String> problems = new ArrayList<>();

    // when
    SdkJson.setMembers(builder, parameters, Set.of("Body"), SdkJson.ApiMembers.SAME, problems);

    // then
    assertThat(problems).isEmpty();
    PutObjectRequest request = builder.build();
    assertThat(request.bucket()).isEqualTo("b");
    assertThat(request.metadata()).isEqualTo(Map.of("team", "orders"));
    assertThat(request.objectLockRetainUntilDate())
        .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(request.expires()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(request.contentLength()).isEqualTo(3L);
    assertThat(request.bucketKeyEnabled()).isTrue();
  }

  @Test
  void shouldDescribeEveryProblemWhenParametersDoNotFit() {
    // given
    JsonNode parameters =
        json(
            "{\"Bucket\":\"b\",\"MaxKeys\":1.5,\"OptionalObjectAttributes\":[\"RestoreStatus\",3],"
                + "\"Prefix\":null}");
    List<String> problems = new ArrayList<>();

    // when
    SdkJson.setMembers(
        ListObjectsV2Request.builder(), parameters, Set.of(), SdkJson.ApiMembers.SAME, problems);

    // then
    assertThat(problems)
        .containsExactly(
            "The value for the field \"MaxKeys\" must be an INTEGER",
            "The value for the field \"OptionalObjectAttributes[1]\" must be a STRING");
  }

  @Test
  void shouldUseTheApisNamesAndRequirementsWhereTheSdkDiffers() {
    // given
    SdkJson.ApiMembers members =
        new SdkJson.ApiMembers(
            Map.of("Bucket", "DestinationBucket", "Key", "DestinationKey"),
            Set.of("SourceBucket"),
            Set.of("Bucket", "Key"));
    List<String> problems = new ArrayList<>();
    software.amazon.awssdk.services.s3.model.CopyObjectRequest.Builder builder =
        software.amazon.awssdk.services.s3.model.CopyObjectRequest.builder();

    // when
    SdkJson.setMembers(
        builder,
        json("{\"Bucket\":\"dst\",\"DestinationKey\":\"k\",\"CopySource\":\"src/k\"}"),
        Set.of(),
        members,
        problems);

    // then
    assertThat(builder.build().destinationBucket()).isEqualTo("dst");
    assertThat(problems)
        .containsExactly(
            "The field \"DestinationKey\" is not supported by Step Functions",
            "The field \"Key\" is required");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
