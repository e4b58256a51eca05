package io.pipeline.common.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts a service started, closed in reverse order: a part started later may use an earlier one
 * (a bridge its Kafka client), never the other way round. A part that fails to close is logged and
 * the others are still closed. Not thread-safe: start and close from one thread.
 */
public final class Parts implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Parts.class);

  private final String owner;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /**
   * @param owner what the parts belong to, for the log
   */
  public Parts(String owner) {
    this.owner = owner;
  }

  /** Records a started part, to be closed with the others; returns it. */
  public <T extends AutoCloseable> T track(T part) {
    started.push(part);
    return part;
  }

  /** Closes every part, the last started first. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("{}: {} did not close cleanly", owner, part.getClass().getSimpleName(), e);
      }
    }
  }
}
