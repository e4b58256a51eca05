package io.pipeline.common.lifecycle;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for a service's own work, named for thread dumps and logs, and daemons: a service stops
 * them itself when it closes, and a forgotten one never keeps the JVM alive.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** One thread, or the first of several, is {@code name}; the next are {@code name-2}, ... */
  public static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      int n = count.incrementAndGet();
      Thread thread = new Thread(task, n == 1 ? name : name + "-" + n);
      thread.setDaemon(true);
      return thread;
    };
  }
}
