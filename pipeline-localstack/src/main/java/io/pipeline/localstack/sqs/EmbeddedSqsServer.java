package io.pipeline.localstack.sqs;

import io.pipeline.localstack.Ports;
import java.net.URI;
import java.time.Duration;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * An SQS API server in this JVM (ElasticMQ), in memory, that the official AWS SDK talks to. It
 * accepts any credentials. For the local stack and tests only: no service ships with it.
 */
public final class EmbeddedSqsServer implements AutoCloseable {

  /** The region clients sign for. */
  public static final String REGION = "us-east-1";

  private final SQSRestServer server;
  private final SqsEndpoint endpoint;

  private EmbeddedSqsServer(SQSRestServer server, SqsEndpoint endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server.
   *
   * @param port the port, or 0 for any free port
   * @throws io.pipeline.localstack.Ports.PortInUseException when the port is taken
   */
  public static EmbeddedSqsServer start(int port) {
    Ports.requireFree(port, "the SQS server");
    int chosen = port == 0 ? Ports.free() : port;
    // Queue URLs are built from the server address, so it must be the one clients reach.
    SQSRestServer server =
        SQSRestServerBuilder.withInterface("127.0.0.1")
            .withPort(chosen)
            .withServerAddress(new NodeAddress("http", "localhost", chosen, ""))
            .withAWSRegion(REGION)
            .start();
    server.waitUntilStarted();
    if (!Ports.awaitListening(chosen, Duration.ofSeconds(10))) {
      throw new IllegalStateException("The embedded SQS server is not listening on " + chosen);
    }
    return new EmbeddedSqsServer(
        server, new SqsEndpoint(URI.create("http://localhost:" + chosen), REGION, "x", "x"));
  }

  /** Where the server is. */
  public SqsEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
