package io.pipeline.localstack.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(LocalStackExtension.class)
class S3NotificationsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private S3Client s3;
  private SqsClient sqs;
  private String bucket;
  private String queueUrl;

  @BeforeEach
  void prepare(LocalStack stack) {
    s3 = stack.s3().newClient();
    sqs = stack.sqs().newClient();
    bucket = LocalStack.uniqueName("notifying");
    s3.createBucket(b -> b.bucket(bucket));
    queueUrl = stack.sqs().createQueue(LocalStack.uniqueName("events"));
  }

  @Test
  void shouldSendTestEventWhenConfigured(LocalStack stack) throws Exception {
    // when
    stack.s3Notifications().toQueue(bucket, queueUrl);

    // then
    List<JsonNode> bodies = receive(1);
    assertThat(bodies.get(0).path("Event").asText()).isEqualTo("s3:TestEvent");
    assertThat(bodies.get(0).path("Bucket").asText()).isEqualTo(bucket);
  }

  @Test
  void shouldAnnouncePutWithEncodedKeyAndIncreasingSequencer(LocalStack stack) throws Exception {
    // given
    stack.s3Notifications().toQueue(bucket, queueUrl);
    receive(1);

    // when
    s3.putObject(b -> b.bucket(bucket).key("in/b c+.csv"), RequestBody.fromString("hello"));
    s3.putObject(b -> b.bucket(bucket).key("in/b c+.csv"), RequestBody.fromString("hello!"));

    // then
    List<JsonNode> records = receive(2).stream().map(b -> b.path("Records").get(0)).toList();
    JsonNode first = records.get(0);
    assertThat(first.path("eventVersion").asText()).isEqualTo("2.1");
    assertThat(first.path("eventSource").asText()).isEqualTo("aws:s3");
    assertThat(first.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
    assertThat(first.at("/s3/bucket/name").asText()).isEqualTo(bucket);
    assertThat(first.at("/s3/bucket/arn").asText()).isEqualTo("arn:aws:s3:::" + bucket);
    assertThat(first.at("/s3/object/key").asText()).isEqualTo("in/b+c%2B.csv");
    assertThat(first.at("/s3/object/size").asLong()).isEqualTo(5);
    assertThat(first.at("/s3/object/eTag").asText()).isNotBlank().doesNotContain("\"");
    assertThat(records.get(1).at("/s3/object/size").asLong()).isEqualTo(6);
    assertThat(records.get(1).at("/s3/object/sequencer").asText())
        .isGreaterThan(first.at("/s3/object/sequencer").asText());
  }

  @Test
  void shouldAnnounceCompletedMultipartUploadOnly(LocalStack stack) throws Exception {
    // given
    stack.s3Notifications().toQueue(bucket, queueUrl);
    receive(1);
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[1024]))
            .eTag();

    // when
    s3.completeMultipartUpload(
        b ->
            b.bucket(bucket)
                .key("big.bin")
                .uploadId(uploadId)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

    // then
    JsonNode record = receive(1).get(0).path("Records").get(0);
    assertThat(record.path("eventName").asText())
        .isEqualTo("ObjectCreated:CompleteMultipartUpload");
    assertThat(record.at("/s3/object/size").asLong()).isEqualTo(1024);
    assertThat(queueIsEmpty()).isTrue();
  }

  @Test
  void shouldAnnounceOnlyKeysMatchingPrefixAndSuffix(LocalStack stack) throws Exception {
    // given
    stack.s3Notifications().toQueue(bucket, queueUrl, "in/", ".csv");
    receive(1);

    // when
    s3.putObject(b -> b.bucket(bucket).key("out/a.csv"), RequestBody.fromString("x"));
    s3.putObject(b -> b.bucket(bucket).key("in/a.json"), RequestBody.fromString("x"));
    s3.putObject(b -> b.bucket(bucket).key("in/a.csv"), RequestBody.fromString("x"));

    // then
    JsonNode record = receive(1).get(0).path("Records").get(0);
    assertThat(record.at("/s3/object/key").asText()).isEqualTo("in/a.csv");
    assertThat(queueIsEmpty()).isTrue();
  }

  /** Receives and deletes exactly {@code count} messages, failing when fewer arrive in 10 s. */
  private List<JsonNode> receive(int count) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (bodies.size() < count && System.nanoTime() < deadline) {
      for (Message message :
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(queueUrl)
                          .maxNumberOfMessages(count - bodies.size())
                          .waitTimeSeconds(1))
              .messages()) {
        bodies.add(JSON.readTree(message.body()));
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
      }
    }
    assertThat(bodies).as("messages on %s", queueUrl).hasSize(count);
    return bodies;
  }

  private boolean queueIsEmpty() {
    return sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages().isEmpty();
  }
}
