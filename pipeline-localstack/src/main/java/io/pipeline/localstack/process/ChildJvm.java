package io.pipeline.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run in a child JVM with this JVM's classpath, so that a crash test can kill it the
 * hard way ({@code kill -9}) and check that nothing acknowledged was lost.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} in a new JVM.
   *
   * @param mainClass the class whose {@code main} runs
   * @param args its arguments
   * @param env environment variables added to this process's
   * @param log where the child's standard output and error go
   */
  public static ChildJvm start(
      Class<?> mainClass, List<String> args, Map<String, String> env, Path log) {
    return start(mainClass, List.of("-Xmx256m", "-XX:+UseSerialGC"), args, env, log);
  }

  /**
   * Starts {@code mainClass} in a new JVM with these JVM options, e.g. a smaller heap for a test
   * that proves a program's memory stays flat.
   *
   * @param mainClass the class whose {@code main} runs
   * @param jvmOptions the child JVM's options, such as {@code -Xmx128m}
   * @param args its arguments
   * @param env environment variables added to this process's
   * @param log where the child's standard output and error go
   */
  public static ChildJvm start(
      Class<?> mainClass,
      List<String> jvmOptions,
      List<String> args,
      Map<String, String> env,
      Path log) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    try {
      return new ChildJvm(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a child JVM for " + mainClass.getName(), e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the child printed so far. */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the child JVM's log " + log, e);
    }
  }

  /**
   * Waits until the child printed {@code text}.
   *
   * @return false when the timeout passed or the child exited first
   */
  public boolean awaitOutput(String text, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (output().contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return output().contains(text);
      }
      sleep();
    }
    return false;
  }

  /** Kills the child with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
  public int kill() {
    process.destroyForcibly();
    return waitFor();
  }

  /** Asks the child to stop with SIGTERM, so its shutdown hooks run, and waits for it. */
  public int stop() {
    process.destroy();
    return waitFor();
  }

  /** Waits for the child to exit and returns its exit code. */
  public int waitFor() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("child JVM " + pid() + " did not exit within 30 s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for child JVM " + pid(), e);
    }
  }

  /**
   * Kills the child if it still runs, and every process it started (a Mosquitto, say): a killed
   * JVM's shutdown hooks do not run, so they would outlive it. A child already killed ({@link
   * #kill}) has left its processes to the next run in the same folder, as a crash would.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      List<ProcessHandle> started = process.descendants().toList();
      kill();
      started.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child JVM", e);
    }
  }
}
