package io.pipeline.ingest.s3.notify;

import java.util.Locale;

/**
 * S3's sequencers: hexadecimal strings that order the events of one key. They may differ in length;
 * AWS's rule is to right-pad the shorter with zeros and compare them as strings. Sequencers of
 * different keys are not comparable.
 */
public final class Sequencers {

  private Sequencers() {}

  /** Compares two sequencers of the same key: negative, zero or positive as {@code a} is older. */
  public static int compare(String a, String b) {
    int length = Math.max(a.length(), b.length());
    return pad(a, length).compareTo(pad(b, length));
  }

  private static String pad(String sequencer, int length) {
    return (sequencer + "0".repeat(length - sequencer.length())).toUpperCase(Locale.ROOT);
  }
}
