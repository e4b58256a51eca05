package io.pipeline.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Port helpers for the servers of the local stack. */
public final class Ports {

  private Ports() {}

  /** A port that is free on the loopback interface right now. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /**
   * Checks that a port can be bound, so a server fails with a message that names it rather than
   * with a bind exception deep in its start-up.
   *
   * @param port the port to check; 0 means "any" and always passes
   * @param what what the port is for, e.g. "the Kafka broker"
   * @throws PortInUseException when the port is taken
   */
  public static void requireFree(int port, String what) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PortInUseException(port, what);
    }
  }

  /** Waits until something accepts connections on the port, or the timeout passes. */
  public static boolean awaitListening(int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a port", e);
    }
  }

  /** A port the stack needs is taken by another process. */
  public static final class PortInUseException extends RuntimeException {
    private final int port;

    PortInUseException(int port, String what) {
      super(
          "Port "
              + port
              + " for "
              + what
              + " is already in use: stop the process that holds it, or choose another port");
      this.port = port;
    }

    public int port() {
      return port;
    }
  }
}
