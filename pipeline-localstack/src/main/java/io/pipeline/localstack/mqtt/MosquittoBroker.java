package io.pipeline.localstack.mqtt;

import io.pipeline.localstack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Eclipse Mosquitto, started as a child process with the project's own configuration on a port of
 * its choosing. The configuration keeps QoS 1 messages across restarts and raises the defaults that
 * would drop them under load ({@code max_inflight_messages 20}, {@code max_queued_messages 1000}).
 */
public final class MosquittoBroker implements AutoCloseable {

  private static final List<Path> KNOWN_LOCATIONS =
      List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/local/sbin/mosquitto"));

  private static final String PID_FILE = "mosquitto.pid";

  private final Process process;
  private final MqttEndpoint endpoint;
  private final Path pidFile;

  private MosquittoBroker(Process process, MqttEndpoint endpoint, Path pidFile) {
    this.process = process;
    this.endpoint = endpoint;
    this.pidFile = pidFile;
  }

  /** The Mosquitto executable on this machine: on the PATH or where Debian installs it. */
  public static Optional<Path> findExecutable() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "mosquitto");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return KNOWN_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
  }

  /**
   * Starts Mosquitto.
   *
   * @param executable the mosquitto binary
   * @param dataDir where its configuration, persistence file and log go
   * @param port the port, or 0 for any free port
   */
  public static MosquittoBroker start(Path executable, Path dataDir, int port) {
    int chosen = port == 0 ? Ports.free() : port;
    try {
      Path dir = Files.createDirectories(dataDir).toAbsolutePath();
      stopOrphan(dir.resolve(PID_FILE));
      Path config = dir.resolve("mosquitto.conf");
      Ports.requireFree(chosen, "the MQTT broker");
      Files.writeString(config, configuration(dir, chosen));
      Process process =
          new ProcessBuilder(executable.toString(), "-c", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("mosquitto.log").toFile())
              .start();
      Files.writeString(dir.resolve(PID_FILE), String.valueOf(process.pid()));
      if (!Ports.awaitListening(chosen, Duration.ofSeconds(10))) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Mosquitto did not start listening on port "
                + chosen
                + "; see "
                + dir.resolve("mosquitto.log"));
      }
      return new MosquittoBroker(
          process,
          new MqttEndpoint(URI.create("mqtt://localhost:" + chosen)),
          dir.resolve(PID_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Mosquitto from " + executable, e);
    }
  }

  /**
   * Stops a Mosquitto that an earlier run started in this folder and left behind, as happens when
   * the JVM that started it is killed: it would hold the port and the persistence file.
   */
  private static void stopOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile).trim();
    Files.delete(pidFile);
    if (!text.matches("\\d+")) {
      return;
    }
    Optional<ProcessHandle> orphan =
        ProcessHandle.of(Long.parseLong(text))
            .filter(p -> p.info().command().map(c -> c.endsWith("mosquitto")).orElse(false));
    if (orphan.isPresent()) {
      orphan.get().destroy();
      try {
        orphan.get().onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        orphan.get().destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static String configuration(Path dir, int port) {
    return String.join(
        "\n",
        "# Written by pipeline-localstack; see docs/decisions for why each value is set.",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence true",
        "persistence_location " + dir + "/",
        "autosave_interval 5",
        "max_inflight_messages 150",
        "max_queued_messages 1000000",
        "max_queued_bytes 0",
        "log_dest stdout",
        "log_type error",
        "log_type warning",
        "log_type notice",
        "");
  }

  public MqttEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + pidFile, e);
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
