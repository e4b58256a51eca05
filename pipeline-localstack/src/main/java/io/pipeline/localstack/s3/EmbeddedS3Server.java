package io.pipeline.localstack.s3;

import io.pipeline.localstack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 API server in this JVM (S3Proxy), backed by a folder or by memory, that the official AWS
 * SDK talks to with SigV4 and path-style access. For the local stack and tests only: no service
 * ships with it.
 */
public final class EmbeddedS3Server implements AutoCloseable {

  /** The access key the embedded server accepts. */
  public static final String ACCESS_KEY = "pipeline";

  /** The secret key the embedded server accepts. */
  public static final String SECRET_KEY = "pipeline-secret";

  /** The region clients sign for. */
  public static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final NotifyingBlobStore store;
  private final S3Endpoint endpoint;

  private EmbeddedS3Server(S3Proxy proxy, NotifyingBlobStore store, S3Endpoint endpoint) {
    this.proxy = proxy;
    this.store = store;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server.
   *
   * @param storage the folder objects are kept in, or empty to keep them in memory
   * @param port the port, or 0 for any free port
   * @throws io.pipeline.localstack.Ports.PortInUseException when the port is taken
   */
  public static EmbeddedS3Server start(Optional<Path> storage, int port) {
    Ports.requireFree(port, "the S3 server");
    int chosen = port == 0 ? Ports.free() : port;
    URI uri = URI.create("http://127.0.0.1:" + chosen);
    NotifyingBlobStore store =
        new NotifyingBlobStore(blobStore(storage), REGION, java.time.Clock.systemUTC());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(uri)
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // The SDK's multipart uploads send headers S3Proxy would otherwise reject.
            .ignoreUnknownHeaders(true)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("The embedded S3 server did not start on " + uri, e);
    }
    if (!Ports.awaitListening(chosen, java.time.Duration.ofSeconds(10))) {
      throw new IllegalStateException("The embedded S3 server is not listening on " + uri);
    }
    return new EmbeddedS3Server(
        proxy,
        store,
        new S3Endpoint(URI.create("http://localhost:" + chosen), REGION, ACCESS_KEY, SECRET_KEY));
  }

  private static BlobStore blobStore(Optional<Path> storage) {
    if (storage.isEmpty()) {
      return new TransientNio2BlobStore();
    }
    try {
      Path folder = Files.createDirectories(storage.get()).toAbsolutePath();
      return new FilesystemNio2BlobStore(folder.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the S3 storage folder " + storage.get(), e);
    }
  }

  /** Where the server is and the credentials it accepts. */
  public S3Endpoint endpoint() {
    return endpoint;
  }

  /**
   * The bucket notification configuration, sending to SQS with this client.
   *
   * @param sqs the client notifications are sent with; the caller closes it after this server
   */
  public S3Notifications notifications(software.amazon.awssdk.services.sqs.SqsClient sqs) {
    return new S3Notifications(store, sqs);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("The embedded S3 server did not stop cleanly", e);
    }
  }
}
