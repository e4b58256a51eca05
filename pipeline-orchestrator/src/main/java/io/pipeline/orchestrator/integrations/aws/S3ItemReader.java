package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.orchestrator.integrations.Integration;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A Distributed Map's {@code ItemReader} over S3: {@code arn:aws:states:::s3:getObject} reads one
 * object's items (CSV rows, a JSON array's elements, JSON Lines, or the objects an S3 Inventory
 * manifest lists), {@code arn:aws:states:::s3:listObjectsV2} gives the objects under a prefix as
 * items ({@code Etag}, {@code Key}, {@code LastModified} in epoch seconds, {@code Size}, {@code
 * StorageClass}), or with {@code Transformation LOAD_AND_FLATTEN} their contents' items.
 *
 * <p>The engine asks for items with a task whose input is the {@code ItemReader} with its {@code
 * Parameters} (or {@code Arguments}) evaluated; the task's result is the array of items. Objects
 * are streamed and parsed as they arrive (a {@code .gz} key is gunzipped), on threads of the
 * reader's own, so an object is never held whole; reading stops at {@code MaxItems}. The items are
 * capped ({@link #MAX_ITEMS} items and {@link #MAX_ITEMS_BYTES} bytes of JSON by default), since
 * they travel to the execution as one Kafka record and stay in its state: past a cap the read
 * fails, saying so.
 *
 * <p>Failures: S3's as the S3 integration names them ({@code S3.NoSuchKeyException}...), content
 * that cannot be read as {@code States.ItemReaderFailed} with what is wrong and where (e.g. the CSV
 * line); the engine reports either as the Map's {@code States.ItemReaderFailed}.
 */
public final class S3ItemReader implements Integration, AutoCloseable {

  /**
   * The most bytes of JSON a read gives, 3 MiB. The items arrive as one command and then live in
   * the execution's stored state, which is one Kafka record of at most 16 MiB: it holds them about
   * four times over (the Map's item list or batches, each iteration's input and output, the
   * results) and some 250 bytes per iteration; an execution whose state passes 16 MiB cannot be
   * stored, so the reader refuses what would come near.
   */
  public static final int MAX_ITEMS_BYTES = 3 * 1024 * 1024;

  /** The most items a read gives, 10,000: see {@link #MAX_ITEMS_BYTES}. */
  public static final int MAX_ITEMS = 10_000;

  private static final Pattern RESOURCE =
      Pattern.compile("arn:aws[a-z-]*:states:::s3:(getObject|listObjectsV2)");

  /** Reads are parsed on these; more wait their turn. */
  private static final int THREADS = 2;

  private final S3AsyncClient s3;
  private final int maxItems;
  private final int maxItemsBytes;
  private final ObjectItems parsing;
  private final ExecutorService readers;

  private S3ItemReader(S3AsyncClient s3, int maxItems, int maxItemsBytes) {
    this.s3 = s3;
    this.maxItems = maxItems;
    this.maxItemsBytes = maxItemsBytes;
    this.parsing = new ObjectItems(maxItemsBytes);
    this.readers = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("s3-item-reader"));
  }

  /**
   * A reader that calls S3 through the S3 integration's client; closing the reader stops its
   * threads, not the client.
   */
  public static S3ItemReader sharing(S3Integration s3) {
    return new S3ItemReader(s3.client(), MAX_ITEMS, MAX_ITEMS_BYTES);
  }

  /** A reader with other caps on the items, e.g. for tests. */
  static S3ItemReader using(S3AsyncClient s3, int maxItems, int maxItemsBytes) {
    return new S3ItemReader(s3, maxItems, maxItemsBytes);
  }

  @Override
  public boolean serves(String resource) {
    return RESOURCE.matcher(resource).matches();
  }

  @Override
  public CompletableFuture<JsonNode> call(IntegrationCall call) {
    Matcher resource = RESOURCE.matcher(call.resource());
    if (!resource.matches()) {
      throw new IllegalArgumentException("Not an ItemReader resource: " + call.resource());
    }
    boolean listing = resource.group(1).equals("listObjectsV2");
    JsonNode request = call.parameters();
    JsonNode parameters =
        request.has("Arguments") ? request.get("Arguments") : request.path("Parameters");
    ReaderConfig config;
    List<String> problems = new ArrayList<>();
    SdkRequest s3Request;
    try {
      if (!parameters.isObject()) {
        throw ItemReaderFailures.failed(
            "The ItemReader needs Parameters (or Arguments) naming the Bucket and "
                + (listing ? "Prefix" : "Key")
                + ", but its input is "
                + request);
      }
      config = ReaderConfig.of(request.path("ReaderConfig"), listing);
      s3Request =
          (listing ? S3Action.LIST_OBJECTS_V2 : S3Action.GET_OBJECT).request(parameters, problems);
    } catch (TaskFailure failure) {
      return CompletableFuture.failedFuture(failure);
    }
    if (!problems.isEmpty()) {
      return CompletableFuture.failedFuture(AwsFailures.invalidParameters(parameters, problems));
    }
    ItemCollector items = new ItemCollector(config.maxItems(), maxItems, maxItemsBytes);
    CompletableFuture<JsonNode> read =
        CompletableFuture.supplyAsync(
            () -> {
              if (listing) {
                list((ListObjectsV2Request) s3Request, config, items);
              } else {
                object((GetObjectRequest) s3Request, config, items);
              }
              return items.items();
            },
            readers);
    return AwsFailures.mapped(read, AwsFailures::s3);
  }

  /** The objects of a listing, or their items. Blocks: runs on a reader thread. */
  private void list(ListObjectsV2Request request, ReaderConfig config, ItemCollector items) {
    ListObjectsV2Request page = request;
    while (!items.full()) {
      ListObjectsV2Response listed = s3.listObjectsV2(page).join();
      for (S3Object object : listed.contents()) {
        if (items.full()) {
          return;
        }
        String where = where(request.bucket(), object.key());
        if (!config.loadAndFlatten()) {
          items.add(metadata(object), () -> where);
        } else if (!object.key().endsWith("/")) {
          // A "folder" (a key ending in /) holds no items.
          read(
              GetObjectRequest.builder()
                  .bucket(request.bucket())
                  .key(object.key())
                  .expectedBucketOwner(request.expectedBucketOwner())
                  .build(),
              config.inputType().orElseThrow(),
              config,
              items);
        }
      }
      if (!Boolean.TRUE.equals(listed.isTruncated()) || listed.nextContinuationToken() == null) {
        return;
      }
      page = request.toBuilder().continuationToken(listed.nextContinuationToken()).build();
    }
  }

  /** An object's metadata as Step Functions gives it to an iteration. */
  static ObjectNode metadata(S3Object object) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("Etag", object.eTag());
    item.put("Key", object.key());
    if (object.lastModified() != null) {
      item.put("LastModified", object.lastModified().getEpochSecond());
    }
    item.put("Size", object.size());
    if (object.storageClassAsString() != null) {
      item.put("StorageClass", object.storageClassAsString());
    }
    return item;
  }

  /** One object's items, or those of the files its inventory manifest lists. Blocks. */
  private void object(GetObjectRequest get, ReaderConfig config, ItemCollector items) {
    ReaderConfig.InputType type = config.inputType().orElseThrow();
    if (type != ReaderConfig.InputType.MANIFEST) {
      read(get, type, config, items);
      return;
    }
    String where = where(get.bucket(), get.key());
    JsonNode json;
    try (InputStream content = open(get)) {
      json = parsing.document(content, where);
    } catch (IOException e) {
      throw readFailed(where, e);
    }
    InventoryManifest manifest = InventoryManifest.of(json, where);
    String bucket = manifest.bucket().orElse(get.bucket());
    ReaderConfig columns =
        new ReaderConfig(
            java.util.Optional.of(ReaderConfig.InputType.CSV),
            ReaderConfig.HeaderLocation.GIVEN,
            manifest.columns(),
            config.delimiter(),
            config.maxItems(),
            java.util.Optional.empty(),
            false);
    for (String key : manifest.keys()) {
      if (items.full()) {
        return;
      }
      read(
          GetObjectRequest.builder()
              .bucket(bucket)
              .key(key)
              .expectedBucketOwner(get.expectedBucketOwner())
              .build(),
          ReaderConfig.InputType.CSV,
          columns,
          items);
    }
  }

  private void read(
      GetObjectRequest get, ReaderConfig.InputType type, ReaderConfig config, ItemCollector items) {
    String where = where(get.bucket(), get.key());
    try (InputStream content = open(get)) {
      parsing.read(decompressed(content, get.key(), where), type, config, where, items);
    } catch (IOException e) {
      throw readFailed(where, e);
    }
  }

  /** The object's bytes as they arrive; closing the stream stops the download. */
  private ResponseInputStream<GetObjectResponse> open(GetObjectRequest get) {
    return s3.getObject(get, AsyncResponseTransformer.toBlockingInputStream()).join();
  }

  /** Objects compressed as Step Functions reads them are known by their key. */
  private static InputStream decompressed(InputStream content, String key, String where)
      throws IOException {
    if (key.endsWith(".gz")) {
      return new GZIPInputStream(content, 64 * 1024);
    }
    if (key.endsWith(".zst") || key.endsWith(".zstd")) {
      throw ItemReaderFailures.failed(
          where + " is compressed with Zstandard, which this orchestrator does not read; use gzip");
    }
    return content;
  }

  private static TaskFailure readFailed(String where, IOException e) {
    return new TaskFailure(
        ItemReaderFailures.ITEM_READER_FAILED, "Reading " + where + " failed: " + e, e);
  }

  private static String where(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }
}
