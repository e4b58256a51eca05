package io.pipeline.localstack.sqs;

import io.pipeline.localstack.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.FutureConverters;

/**
 * An SQS API server in this JVM (ElasticMQ), in memory, that the official AWS SDK talks to. It
 * accepts any credentials. For the local stack and tests only: no service ships with it.
 */
public final class EmbeddedSqsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSqsServer.class);
  private static final int STOP_SECONDS = 1;

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

  /**
   * Stops the server, waiting at most {@value #STOP_SECONDS} s: ElasticMQ otherwise waits for its
   * open long polls (up to 20 s each) before it returns.
   */
  @Override
  public void close() {
    try {
      FutureConverters.asJava(server.stopAndGetFuture().apply())
          .toCompletableFuture()
          .get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      log.info("The embedded SQS server is still closing long polls; not waiting for them");
    } catch (ExecutionException e) {
      log.warn("The embedded SQS server did not stop cleanly", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
