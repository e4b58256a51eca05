package io.pipeline.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata: {@code $partition}, {@code $range}, {@code $hash},
 * {@code $random}, {@code $uuid} and {@code $parse}. Randomness comes from the execution, so replay
 * gives the same values.
 */
final class AwsFunctions {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> HASHES =
      Map.of(
          "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512",
          "SHA-512");

  private AwsFunctions() {}

  static void bind(Jsonata.Frame frame, RandomGenerator random, java.time.Instant now) {
    // The execution's time, not the machine's clock: replay must give the same values.
    bind(frame, "now", args -> now.toString());
    bind(frame, "millis", args -> now.toEpochMilli());
    bind(frame, "partition", AwsFunctions::partition);
    bind(frame, "range", AwsFunctions::range);
    bind(frame, "hash", AwsFunctions::hash);
    bind(frame, "parse", AwsFunctions::parse);
    bind(frame, "uuid", args -> uuid(random));
    bind(frame, "random", args -> random(args, random));
  }

  private static void bind(Jsonata.Frame frame, String name, Jsonata.FnVarArgs<Object> function) {
    frame.bind(name, Jsonata.function(name, function, null));
  }

  private static Object partition(List<?> args) {
    List<?> array = list(args, 0, "$partition");
    int size = integer(args, 1, "$partition");
    if (size <= 0) {
      throw new IllegalArgumentException("$partition: the chunk size must be greater than 0");
    }
    List<Object> chunks = new ArrayList<>();
    for (int i = 0; i < array.size(); i += size) {
      chunks.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + size))));
    }
    return chunks;
  }

  private static Object range(List<?> args) {
    int start = integer(args, 0, "$range");
    int end = integer(args, 1, "$range");
    int step = integer(args, 2, "$range");
    if (step == 0) {
      throw new IllegalArgumentException("$range: the step must not be 0");
    }
    List<Object> values = new ArrayList<>();
    for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
      values.add((int) i);
      if (values.size() > 1000) {
        throw new IllegalArgumentException("$range: at most 1000 values");
      }
    }
    // A JSONata sequence of one value is that value.
    return values.size() == 1 ? values.get(0) : values;
  }

  private static Object hash(List<?> args) {
    String algorithm = String.valueOf(args.size() > 1 ? args.get(1) : null);
    String name = HASHES.get(algorithm);
    if (name == null) {
      throw new IllegalArgumentException("$hash: the algorithm must be one of " + HASHES.keySet());
    }
    Object value = args.isEmpty() ? null : args.get(0);
    String text = value instanceof String s ? s : String.valueOf(value);
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks " + name, e);
    }
  }

  private static Object parse(List<?> args) {
    Object value = args.isEmpty() ? null : args.get(0);
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("$parse: the argument must be a JSON string");
    }
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("$parse: not JSON: " + e.getOriginalMessage());
    }
  }

  private static Object uuid(RandomGenerator random) {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 16; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    long most = 0;
    long least = 0;
    for (int i = 0; i < 8; i++) {
      most = (most << 8) | (bytes[i] & 0xff);
      least = (least << 8) | (bytes[i + 8] & 0xff);
    }
    return new UUID(most, least).toString();
  }

  private static Object random(List<?> args, RandomGenerator random) {
    if (!args.isEmpty() && args.get(0) instanceof Number seed) {
      return new Random(seed.longValue()).nextDouble();
    }
    return random.nextDouble();
  }

  private static List<?> list(List<?> args, int index, String function) {
    Object value = args.size() > index ? args.get(index) : null;
    if (value instanceof List<?> list) {
      return list;
    }
    if (value == null) {
      throw new IllegalArgumentException(function + ": argument " + (index + 1) + " is missing");
    }
    return List.of(value);
  }

  private static int integer(List<?> args, int index, String function) {
    Object value = args.size() > index ? args.get(index) : null;
    if (!(value instanceof Number number)
        || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new IllegalArgumentException(
          function + ": argument " + (index + 1) + " must be an integer");
    }
    return number.intValue();
  }
}
