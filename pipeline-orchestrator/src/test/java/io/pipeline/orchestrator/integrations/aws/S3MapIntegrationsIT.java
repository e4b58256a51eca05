package io.pipeline.orchestrator.integrations.aws;

import static io.pipeline.orchestrator.integrations.aws.CsvItemsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.common.config.Settings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.integrations.Integration;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The Distributed Map's ItemReader and ResultWriter against the local stack's S3 server, through
 * the client the S3 integration makes from the orchestrator's settings.
 */
@ExtendWith(LocalStackExtension.class)
class S3MapIntegrationsIT {

  private static final String EXECUTION =
      "arn:aws:states:us-east-1:000000000000:execution:orders:run-1";

  private static S3Client s3;
  private static S3Integration integration;
  private static S3ItemReader reader;
  private String bucket;

  @BeforeAll
  static void connect(LocalStack stack) {
    S3Endpoint endpoint = stack.s3();
    s3 = endpoint.newClient();
    integration =
        S3Integration.create(
            S3IntegrationConfig.from(
                Settings.of(
                    Map.of(
                        "ORCHESTRATOR_S3_ENDPOINT", endpoint.uri().toString(),
                        "ORCHESTRATOR_S3_REGION", endpoint.region(),
                        "ORCHESTRATOR_S3_ACCESS_KEY_ID", endpoint.accessKeyId(),
                        "ORCHESTRATOR_S3_SECRET_ACCESS_KEY", endpoint.secretAccessKey()))));
    reader = S3ItemReader.sharing(integration);
  }

  @AfterAll
  static void close() {
    reader.close();
    integration.close();
    s3.close();
  }

  @BeforeEach
  void createBucket() {
    bucket = LocalStack.uniqueName("dmap");
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Test
  void shouldReadTheRowsOfACsvObjectKeyedByItsFirstRow() throws Exception {
    // given
    put("in/orders.csv", "id,customer,amount\n1,\"Smith, Jane\",12.50\n2,Bob,3\n");

    // when
    JsonNode items =
        read(
            "getObject",
            "{\"ReaderConfig\": {\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\"},"
                + " \"Parameters\": {\"Bucket\": \"%s\", \"Key\": \"in/orders.csv\"}}");

    // then
    assertThat(items)
        .isEqualTo(
            json(
                "[{\"id\": \"1\", \"customer\": \"Smith, Jane\", \"amount\": \"12.50\"},"
                    + " {\"id\": \"2\", \"customer\": \"Bob\", \"amount\": \"3\"}]"));
  }

  @Test
  void shouldReadGzippedJsonLinesAndAJsonArrayUpToMaxItems() throws Exception {
    // given
    put("in/events.jsonl.gz", gzip("{\"e\": 1}\n{\"e\": 2}\n"));
    put("in/events.json", "[{\"e\": 1}, {\"e\": 2}, {\"e\": 3}]");

    // when
    JsonNode lines =
        read(
            "getObject",
            "{\"ReaderConfig\": {\"InputType\": \"JSONL\"},"
                + " \"Parameters\": {\"Bucket\": \"%s\", \"Key\": \"in/events.jsonl.gz\"}}");
    JsonNode array =
        read(
            "getObject",
            "{\"ReaderConfig\": {\"InputType\": \"JSON\", \"MaxItems\": 2},"
                + " \"Arguments\": {\"Bucket\": \"%s\", \"Key\": \"in/events.json\"}}");

    // then
    assertThat(lines).isEqualTo(json("[{\"e\": 1}, {\"e\": 2}]"));
    assertThat(array).isEqualTo(json("[{\"e\": 1}, {\"e\": 2}]"));
  }

  @Test
  void shouldReadTheObjectsAnInventoryManifestLists() throws Exception {
    // given: two gzipped CSV files without a header, as S3 Inventory writes them
    put("inv/data/1.csv.gz", gzip("\"photos\",\"a.jpg\",\"10\",\"2022-11-16T00:27:19.000Z\"\n"));
    put("inv/data/2.csv.gz", gzip("\"photos\",\"b.jpg\",\"20\",\"2022-11-16T00:29:32.000Z\"\n"));
    put(
        "inv/2022-11-16T00-00Z/manifest.json",
        """
        {"sourceBucket": "photos", "destinationBucket": "arn:aws:s3:::%s",
         "version": "2016-11-30", "fileFormat": "CSV",
         "fileSchema": "Bucket, Key, Size, LastModifiedDate",
         "files": [{"key": "inv/data/1.csv.gz", "size": 1, "MD5checksum": "x"},
                   {"key": "inv/data/2.csv.gz", "size": 1, "MD5checksum": "y"}]}
        """
            .formatted(bucket));

    // when
    JsonNode items =
        read(
            "getObject",
            "{\"ReaderConfig\": {\"InputType\": \"MANIFEST\"}, \"Parameters\": {\"Bucket\": \"%s\","
                + " \"Key\": \"inv/2022-11-16T00-00Z/manifest.json\"}}");

    // then
    assertThat(items)
        .isEqualTo(
            json(
                "[{\"Bucket\": \"photos\", \"Key\": \"a.jpg\", \"Size\": \"10\","
                    + " \"LastModifiedDate\": \"2022-11-16T00:27:19.000Z\"},"
                    + " {\"Bucket\": \"photos\", \"Key\": \"b.jpg\", \"Size\": \"20\","
                    + " \"LastModifiedDate\": \"2022-11-16T00:29:32.000Z\"}]"));
  }

  @Test
  void shouldGiveTheObjectsUnderAPrefixAcrossPagesAsAwsGivesThem() throws Exception {
    // given
    for (String key : new String[] {"logs/1.txt", "logs/2.txt", "logs/3.txt", "other/4.txt"}) {
      put(key, "data of " + key);
    }

    // when: pages of two keys
    JsonNode items =
        read(
            "listObjectsV2",
            "{\"Parameters\": {\"Bucket\": \"%s\", \"Prefix\": \"logs/\", \"MaxKeys\": 2}}");

    // then
    assertThat(items).hasSize(3);
    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("logs/2.txt"));
    JsonNode second = items.get(1);
    assertThat(second.get("Key").asText()).isEqualTo("logs/2.txt");
    assertThat(second.get("Etag").asText()).isEqualTo(head.eTag());
    assertThat(second.get("Size").asLong()).isEqualTo(head.contentLength());
    assertThat(second.get("LastModified").asLong()).isEqualTo(head.lastModified().getEpochSecond());
    assertThat(second.get("StorageClass").asText()).isEqualTo("STANDARD");
  }

  @Test
  void shouldGiveTheItemsOfEachListedObjectWhenLoadingAndFlattening() throws Exception {
    // given
    put("parts/a.jsonl", "1\n2\n");
    put("parts/b.jsonl", "3\n");

    // when
    JsonNode items =
        read(
            "listObjectsV2",
            "{\"ReaderConfig\": {\"InputType\": \"JSONL\", \"Transformation\": \"LOAD_AND_FLATTEN\"},"
                + " \"Parameters\": {\"Bucket\": \"%s\", \"Prefix\": \"parts/\"}}");

    // then
    assertThat(items).isEqualTo(json("[1, 2, 3]"));
  }

  @Test
  void shouldFailAsS3DoesWhenTheObjectIsMissing() {
    // when
    TaskFailure failure =
        failure(
            reader,
            "getObject",
            "{\"ReaderConfig\": {\"InputType\": \"CSV\"},"
                + " \"Parameters\": {\"Bucket\": \"%s\", \"Key\": \"missing.csv\"}}");

    // then
    assertThat(failure.error()).isEqualTo("S3.NoSuchKeyException");
  }

  @Test
  void shouldFailSayingTheLimitWhenAnObjectHoldsMoreItemsThanItAccepts() {
    // given
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 0; i < 2_000; i++) {
      csv.append(i).append(",name-").append(i).append('\n');
    }
    put("big.csv", csv.toString());

    // when
    TaskFailure failure;
    try (S3ItemReader small = S3ItemReader.using(integration.client(), 1_000_000, 10_000)) {
      failure =
          failure(
              small,
              "getObject",
              "{\"ReaderConfig\": {\"InputType\": \"CSV\"},"
                  + " \"Parameters\": {\"Bucket\": \"%s\", \"Key\": \"big.csv\"}}");
    }

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause())
        .startsWith("The items read pass 10000 bytes of JSON")
        .contains("of s3://" + bucket + "/big.csv");
  }

  @Test
  void shouldWriteTheResultFilesAndManifestAndAnswerWhereTheManifestIs() throws Exception {
    // given: files split after two entries
    S3ResultWriter writer = S3ResultWriter.using(integration.client(), 200);
    String results = "[{\"n\": 1}, null, {\"n\": 3}, {\"n\": 4}, {\"n\": 5}]";

    // when
    JsonNode answer =
        writer
            .call(
                new IntegrationCall(
                    "arn:aws:states:::s3:putObject",
                    json(
                        "{\"Resource\": \"arn:aws:states:::s3:putObject\", \"Parameters\":"
                            + " {\"Bucket\": \"%s\", \"Prefix\": \"runs\"}, \"Results\": %s}"
                                .formatted(bucket, results)),
                    EXECUTION + "/Process@3/ResultWriter#1",
                    EXECUTION))
            .get(30, TimeUnit.SECONDS);

    // then
    MapRun run = MapRun.of(EXECUTION, EXECUTION + "/Process@3/ResultWriter#1");
    assertThat(answer)
        .isEqualTo(
            json(
                "{\"MapRunArn\": \""
                    + run.arn()
                    + "\", \"ResultWriterDetails\": {\"Bucket\": \""
                    + bucket
                    + "\", \"Key\": \"runs/"
                    + run.id()
                    + "/manifest.json\"}}"));
    JsonNode manifest = json(get("runs/" + run.id() + "/manifest.json"));
    assertThat(manifest.get("DestinationBucket").asText()).isEqualTo(bucket);
    assertThat(manifest.get("MapRunArn").asText()).isEqualTo(run.arn());
    List<Integer> succeeded = new ArrayList<>();
    for (JsonNode file : manifest.path("ResultFiles").path("SUCCEEDED")) {
      String body = get(file.get("Key").asText());
      assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(file.get("Size").asInt());
      json(body)
          .forEach(entry -> succeeded.add(json(entry.get("Output").asText()).get("n").asInt()));
    }
    assertThat(succeeded).containsExactly(1, 3, 4, 5);
    assertThat(manifest.path("ResultFiles").path("SUCCEEDED").size()).isGreaterThan(1);
    JsonNode failed = manifest.path("ResultFiles").path("FAILED");
    assertThat(failed).hasSize(1);
    assertThat(json(get(failed.get(0).get("Key").asText())))
        .isEqualTo(json("[{\"Status\": \"FAILED\"}]"));
  }

  @Test
  void shouldFailAsS3DoesWhenTheResultBucketIsMissing() {
    // when
    TaskFailure failure =
        failure(
            S3ResultWriter.sharing(integration),
            "putObject",
            "{\"Parameters\": {\"Bucket\": \"%s-gone\"}, \"Results\": [1]}");

    // then
    assertThat(failure.error()).isEqualTo("S3.NoSuchBucketException");
  }

  private JsonNode read(String action, String input) throws Exception {
    return reader.call(call(action, input)).get(30, TimeUnit.SECONDS);
  }

  private TaskFailure failure(Integration integration, String action, String input) {
    ExecutionException thrown =
        catchThrowableOfType(
            () -> integration.call(call(action, input)).get(30, TimeUnit.SECONDS),
            ExecutionException.class);
    assertThat(thrown).as("the call fails").isNotNull();
    assertThat(thrown.getCause()).isInstanceOf(TaskFailure.class);
    return (TaskFailure) thrown.getCause();
  }

  private IntegrationCall call(String action, String input) {
    return new IntegrationCall(
        "arn:aws:states:::s3:" + action,
        json(input.replace("%s", bucket)),
        EXECUTION + "/Map@2/ItemReader#1",
        EXECUTION);
  }

  private void put(String key, String text) {
    put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  private void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private String get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
