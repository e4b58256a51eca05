package io.pipeline.localstack.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

class EmbeddedS3ServerIT {

  @TempDir Path storage;

  @Test
  void shouldKeepObjectsInItsFolderAcrossRestart() {
    String bucket = LocalStack.uniqueName("bucket");
    int port;
    try (EmbeddedS3Server server = EmbeddedS3Server.start(Optional.of(storage), 0);
        S3Client s3 = server.endpoint().newClient()) {
      port = server.endpoint().uri().getPort();
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(b -> b.bucket(bucket).key("dir/a b.txt"), RequestBody.fromString("hello"));
    }

    try (EmbeddedS3Server server = EmbeddedS3Server.start(Optional.of(storage), port);
        S3Client s3 = server.endpoint().newClient()) {
      String content =
          s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/a b.txt"))
              .asString(StandardCharsets.UTF_8);
      assertThat(content).isEqualTo("hello");
    }
  }

  @Test
  void shouldAcceptTheSdksMultipartUploads() {
    String bucket = LocalStack.uniqueName("bucket");
    byte[] part = new byte[5 * 1024 * 1024];
    new Random(7).nextBytes(part);
    try (EmbeddedS3Server server = EmbeddedS3Server.start(Optional.empty(), 0);
        S3Client s3 = server.endpoint().newClient()) {
      s3.createBucket(b -> b.bucket(bucket));
      CreateMultipartUploadResponse upload =
          s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin"));
      UploadPartResponse first =
          s3.uploadPart(
              b -> b.bucket(bucket).key("big.bin").uploadId(upload.uploadId()).partNumber(1),
              RequestBody.fromBytes(part));
      UploadPartResponse second =
          s3.uploadPart(
              b -> b.bucket(bucket).key("big.bin").uploadId(upload.uploadId()).partNumber(2),
              RequestBody.fromString("tail"));
      s3.completeMultipartUpload(
          CompleteMultipartUploadRequest.builder()
              .bucket(bucket)
              .key("big.bin")
              .uploadId(upload.uploadId())
              .multipartUpload(
                  CompletedMultipartUpload.builder()
                      .parts(
                          CompletedPart.builder().partNumber(1).eTag(first.eTag()).build(),
                          CompletedPart.builder().partNumber(2).eTag(second.eTag()).build())
                      .build())
              .build());

      long size = s3.headObject(b -> b.bucket(bucket).key("big.bin")).contentLength();
      assertThat(size).isEqualTo(part.length + 4L);
    }
  }
}
