package io.pipeline.orchestrator.integrations.aws;

import static io.pipeline.orchestrator.integrations.aws.CsvItemsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.orchestrator.integrations.TaskFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An S3 Inventory manifest, read for the CSV files it lists. */
class InventoryManifestTest {

  @Test
  void shouldReadTheColumnsTheBucketAndTheKeysOfItsFiles() {
    // when
    InventoryManifest manifest =
        InventoryManifest.of(
            json(
                """
                {"sourceBucket": "photos", "destinationBucket": "arn:aws:s3:::inventories",
                 "version": "2016-11-30", "fileFormat": "CSV",
                 "fileSchema": "Bucket, Key, Size, LastModifiedDate",
                 "files": [{"key": "photos/all/data/a.csv.gz", "size": 70, "MD5checksum": "x"},
                           {"key": "photos/all/data/b.csv.gz", "size": 80, "MD5checksum": "y"}]}
                """),
            "s3://inventories/manifest.json");

    // then
    assertThat(manifest.columns()).containsExactly("Bucket", "Key", "Size", "LastModifiedDate");
    assertThat(manifest.bucket()).hasValue("inventories");
    assertThat(manifest.keys())
        .isEqualTo(List.of("photos/all/data/a.csv.gz", "photos/all/data/b.csv.gz"));
  }

  @Test
  void shouldRefuseAnInventoryThatIsNotCsv() {
    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class,
            () ->
                InventoryManifest.of(
                    json("{\"fileFormat\": \"ORC\", \"fileSchema\": \"Key\", \"files\": []}"),
                    "s3://inventories/manifest.json"));

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause())
        .isEqualTo(
            "s3://inventories/manifest.json is not an S3 Inventory manifest this reader can read:"
                + " its fileFormat is 'ORC'; Step Functions reads CSV inventory reports only");
  }
}
