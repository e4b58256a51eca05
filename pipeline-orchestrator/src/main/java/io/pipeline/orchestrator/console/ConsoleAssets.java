package io.pipeline.orchestrator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The console's files, from the {@code pipeline-console} jar on the classpath ({@value #ROOT}),
 * read once at start into memory: {@code index.html}, never cached by browsers, and the bundles
 * under {@code assets/}, named by their content's hash and so cached for a year. The build writes
 * {@code manifest.json}, the list of the files, so nothing lists the jar.
 */
public final class ConsoleAssets {

  /** Where the files are on the classpath. */
  public static final String ROOT = "io/pipeline/console/static/";

  /** The page every address of the console answers with. */
  static final String INDEX = "index.html";

  /** The folder of the content-named bundles. */
  static final String ASSETS = "assets/";

  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json",
          "svg", "image/svg+xml",
          "png", "image/png",
          "woff2", "font/woff2");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Asset> files;

  private ConsoleAssets(Map<String, Asset> files) {
    this.files = Map.copyOf(files);
  }

  /**
   * Reads the console's files with this class loader.
   *
   * @throws IllegalStateException when they are not on the classpath
   */
  public static ConsoleAssets load(ClassLoader loader) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(read(loader, "manifest.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("The console's manifest.json is not JSON", e);
    }
    Map<String, Asset> files = new HashMap<>();
    for (JsonNode file : manifest.path("files")) {
      String path = file.asText();
      files.put(path, asset(path, read(loader, path)));
    }
    if (!files.containsKey(INDEX)) {
      throw new IllegalStateException("The console's manifest.json does not list " + INDEX);
    }
    return new ConsoleAssets(files);
  }

  /** The console's page. */
  Asset index() {
    return files.get(INDEX);
  }

  /** A bundle by its path under {@code /console/}, e.g. {@code assets/main-THFCH46F.js}. */
  Optional<Asset> asset(String path) {
    return path.startsWith(ASSETS) ? Optional.ofNullable(files.get(path)) : Optional.empty();
  }

  private static Asset asset(String path, byte[] bytes) {
    String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String contentType = CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    boolean compressible =
        contentType.startsWith("text/") || contentType.contains("json") || extension.equals("svg");
    Optional<byte[]> gzipped =
        compressible
            ? Optional.of(gzip(bytes)).filter(g -> g.length < bytes.length)
            : Optional.empty();
    return new Asset(
        bytes, gzipped, contentType, path.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE, etag(bytes));
  }

  private static byte[] read(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException(
            "The console's "
                + path
                + " is not on the classpath ("
                + ROOT
                + "): the pipeline-console jar is missing or was built without its front end");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the console's " + path, e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JDK has no SHA-256", e);
    }
  }
}
