package io.pipeline.transform.etl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads an object's rows on a thread of its own, a few batches ahead of the load that takes them:
 * reading, parsing and converting rows (about half of a load's time) overlaps encoding, producing
 * and writing them. At most {@value #BATCHES} batches of up to {@value #BATCH_ROWS} rows or {@value
 * #BATCH_BYTES} bytes of row content wait, so memory stays bounded whatever the object's size. What
 * the reader throws is thrown by {@link #next}, after the rows read before it.
 */
final class ReadAhead implements RowReader, AutoCloseable {

  static final int BATCHES = 4;
  static final int BATCH_ROWS = 512;
  static final int BATCH_BYTES = 512 * 1024;

  private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES);
  private final Thread thread;
  private Iterator<Row> current = Collections.emptyIterator();
  private boolean ended;
  private Throwable failure;

  /** Rows read, and whether the reader ended after them, by reaching the end or failing. */
  private record Batch(List<Row> rows, boolean last, Throwable failure) {}

  private ReadAhead(RowReader reader, String threadName) {
    this.thread = new Thread(() -> read(reader), threadName);
    thread.setDaemon(true);
  }

  /**
   * Starts reading.
   *
   * @param reader the rows, read only by the new thread from now on
   * @param threadName the reading thread's name
   */
  static ReadAhead start(RowReader reader, String threadName) {
    ReadAhead ahead = new ReadAhead(reader, threadName);
    ahead.thread.start();
    return ahead;
  }

  private void read(RowReader reader) {
    List<Row> rows = new ArrayList<>();
    try {
      long bytes = 0;
      for (Optional<Row> next = reader.next(); next.isPresent(); next = reader.next()) {
        rows.add(next.get());
        bytes += size(next.get());
        if (rows.size() >= BATCH_ROWS || bytes >= BATCH_BYTES) {
          batches.put(new Batch(rows, false, null));
          rows = new ArrayList<>();
          bytes = 0;
        }
      }
      batches.put(new Batch(rows, true, null));
    } catch (InterruptedException e) {
      // Closed: nobody takes rows any more.
    } catch (IOException | RuntimeException | Error e) {
      try {
        batches.put(new Batch(rows, true, e));
      } catch (InterruptedException closed) {
        // Closed meanwhile.
      }
    }
  }

  private static long size(Row row) {
    return row instanceof Row.Good good
        ? good.content().length
        : ((Row.Bad) row).text().length() + ((Row.Bad) row).problem().length();
  }

  @Override
  public Optional<Row> next() throws IOException {
    while (!current.hasNext()) {
      if (ended) {
        return ended();
      }
      Batch batch;
      try {
        batch = batches.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the object's rows", e);
      }
      current = batch.rows().iterator();
      ended = batch.last();
      failure = batch.failure();
    }
    return Optional.of(current.next());
  }

  private Optional<Row> ended() throws IOException {
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return Optional.empty();
  }

  /**
   * Stops reading. A thread blocked in the object's stream ends when the stream is closed, which
   * the load does right after.
   */
  @Override
  public void close() {
    thread.interrupt();
  }
}
