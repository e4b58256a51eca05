package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * {@code States.UUID()}: a version 4 UUID made from the context's generator, so a replay gives the
 * same one. AWS ignores any arguments, and so does this.
 */
final class UuidFunction {

  private UuidFunction() {}

  static JsonNode uuid(RandomGenerator random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return TextNode.valueOf(new UUID(buffer.getLong(), buffer.getLong()).toString());
  }
}
