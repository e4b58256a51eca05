package io.pipeline.asl.intrinsic;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A Base64 decoder as forgiving as the one AWS uses: characters outside the alphabet (spaces, line
 * breaks, punctuation) are skipped, the first {@code =} ends the data, and a short final group
 * still yields its whole bytes. It never rejects its input. Both the standard and the URL-safe
 * alphabets are read.
 */
final class LenientBase64 {

  private static final int[] VALUES = new int[128];

  static {
    Arrays.fill(VALUES, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = i;
    }
    VALUES['-'] = 62;
    VALUES['_'] = 63;
  }

  private LenientBase64() {}

  static byte[] decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() * 3 / 4);
    int buffer = 0;
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=') {
        break;
      }
      int value = c < VALUES.length ? VALUES[c] : -1;
      if (value < 0) {
        continue;
      }
      buffer = (buffer << 6) | value;
      count++;
      if (count == 4) {
        bytes.write(buffer >> 16);
        bytes.write(buffer >> 8);
        bytes.write(buffer);
        buffer = 0;
        count = 0;
      }
    }
    if (count == 2) {
      bytes.write(buffer >> 4);
    } else if (count == 3) {
      bytes.write(buffer >> 10);
      bytes.write(buffer >> 2);
    }
    return bytes.toByteArray();
  }
}
