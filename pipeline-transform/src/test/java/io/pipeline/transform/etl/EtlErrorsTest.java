package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import io.pipeline.client.worker.TaskFailedException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EtlErrorsTest {

  private static final ObjectRef OBJECT =
      new ObjectRef("landing", "incoming/a.csv", Optional.of("e"), Optional.empty());

  @Test
  void shouldNameS3ErrorsByWhetherARetryCanHelpWhenS3Answers() {
    assertThat(error(s3(503, "SlowDown"))).isEqualTo(EtlErrors.S3_UNAVAILABLE);
    assertThat(error(s3(500, "InternalError"))).isEqualTo(EtlErrors.S3_UNAVAILABLE);
    assertThat(error(s3(429, "TooManyRequests"))).isEqualTo(EtlErrors.S3_UNAVAILABLE);
    assertThat(error(s3(404, "NoSuchKey"))).isEqualTo(EtlErrors.OBJECT_NOT_FOUND);
    assertThat(error(s3(412, "PreconditionFailed"))).isEqualTo(EtlErrors.OBJECT_CHANGED);
    assertThat(error(s3(403, "AccessDenied"))).isEqualTo(EtlErrors.S3_FAILED);
  }

  @Test
  void shouldNameS3UnavailableWhenS3DoesNotAnswerOrItsStreamBreaks() {
    assertThat(error(SdkClientException.create("Unable to execute HTTP request")))
        .isEqualTo(EtlErrors.S3_UNAVAILABLE);
    assertThat(error(new UncheckedIOException(new SocketTimeoutException("Read timed out"))))
        .isEqualTo(EtlErrors.S3_UNAVAILABLE);
  }

  @Test
  void shouldNameKafkaErrorsByWhetherARetryCanHelpWhenKafkaFails() {
    assertThat(error(new TimeoutException("expired"))).isEqualTo(EtlErrors.KAFKA_UNAVAILABLE);
    assertThat(error(new ExecutionException(new NotLeaderOrFollowerException("moved"))))
        .isEqualTo(EtlErrors.KAFKA_UNAVAILABLE);
    assertThat(error(new KafkaException("in error state", new ProducerFencedException("x"))))
        .isEqualTo(EtlErrors.LOAD_FENCED);
    assertThat(error(new RecordTooLargeException("too large"))).isEqualTo(EtlErrors.KAFKA_FAILED);
  }

  @Test
  void shouldNameInvalidObjectWhenTheParserGivesUp() {
    TaskFailedException failed =
        EtlErrors.classify(
            OBJECT, "reading the object", new JsonParseException(null, "Missing closing quote"));

    assertThat(failed.error()).isEqualTo(EtlErrors.INVALID_OBJECT);
    assertThat(failed.getMessage())
        .isEqualTo("s3://landing/incoming/a.csv: reading the object failed: Missing closing quote");
  }

  @Test
  void shouldRethrowWhenTheErrorIsABug() {
    assertThatThrownBy(() -> EtlErrors.classify(OBJECT, "x", new NullPointerException("bug")))
        .isInstanceOf(NullPointerException.class);
  }

  private static String error(Throwable error) {
    return EtlErrors.classify(OBJECT, "working", error).error();
  }

  private static S3Exception s3(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }
}
