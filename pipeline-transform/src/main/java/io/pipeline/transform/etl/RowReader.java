package io.pipeline.transform.etl;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads an object's rows one at a time, never more than one row in memory. A row that does not fit
 * is returned as a {@link Row.Bad}; a problem with the object as a whole (broken CSV quoting, a
 * value over the limit) is thrown.
 */
interface RowReader {

  /**
   * The next row.
   *
   * @return empty at the end of the object
   * @throws IOException when the object cannot be read (its stream broke, its syntax is broken)
   */
  Optional<Row> next() throws IOException;
}
