package io.pipeline.localstack.docker;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A COPY or ADD instruction of a {@link Dockerfile}, and where it puts a file of the build context.
 *
 * @param flags the flags as written, e.g. {@code --from=build} or {@code --parents}
 * @param sources the sources as written: paths or patterns in the build context, or in a stage or
 *     image with {@code --from}
 * @param destination the destination as written
 */
record CopyInstruction(List<String> flags, List<String> sources, String destination) {

  CopyInstruction {
    flags = List.copyOf(flags);
    sources = List.copyOf(sources);
  }

  /** The COPY or ADD instruction, if it is one with at least a source and a destination. */
  static Optional<CopyInstruction> parse(String instruction) {
    String keyword = Dockerfile.keyword(instruction);
    if (!keyword.equals("COPY") && !keyword.equals("ADD")) {
      return Optional.empty();
    }
    List<String> flags = new ArrayList<>();
    String rest = Dockerfile.rest(instruction);
    while (rest.startsWith("--")) {
      String[] parts = rest.split("\\s+", 2);
      flags.add(parts[0]);
      rest = parts.length < 2 ? "" : parts[1];
    }
    List<String> paths = rest.isEmpty() ? List.of() : Dockerfile.arguments(rest);
    if (paths.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        new CopyInstruction(
            flags, paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1)));
  }

  /**
   * Where this instruction puts {@code file} (relative to the build context), given the stage's
   * working directory: empty when it copies neither the file nor a folder that holds it, or copies
   * from a stage or image rather than the context. Patterns are read as Java globs, which agree
   * with Docker's for {@code *}, {@code ?} and {@code [...]}; heredocs are not read.
   */
  Optional<Path> destinationOf(Path file, Path workdir) {
    if (flags.stream().anyMatch(flag -> flag.startsWith("--from"))) {
      return Optional.empty();
    }
    Path target = workdir.resolve(destination).normalize();
    for (String source : sources) {
      String pattern = contextPattern(source);
      if (pattern.isEmpty()) {
        return Optional.of(target.resolve(file));
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      for (Path copied = file; copied != null; copied = copied.getParent()) {
        if (matcher.matches(copied)) {
          return Optional.of(landing(file, copied, target, pattern));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * With {@code --parents} the file keeps its path from the context root; otherwise a folder's
   * contents go into the destination, and a file goes into it when it is a folder (a trailing
   * slash, several sources or a pattern) or becomes it.
   */
  private Path landing(Path file, Path copied, Path target, String pattern) {
    if (flags.contains("--parents") || flags.contains("--parents=true")) {
      return target.resolve(file);
    }
    if (!copied.equals(file)) {
      return target.resolve(copied.relativize(file));
    }
    boolean intoFolder =
        destination.endsWith("/")
            || destination.equals(".")
            || sources.size() > 1
            || pattern.matches(".*[*?\\[].*");
    return intoFolder ? target.resolve(file.getFileName()) : target;
  }

  /**
   * The source relative to the context root, without ./ or a trailing slash; empty for the root.
   */
  private static String contextPattern(String source) {
    String pattern = source;
    while (pattern.startsWith("./") || pattern.startsWith("/")) {
      pattern = pattern.substring(pattern.startsWith("./") ? 2 : 1);
    }
    while (pattern.endsWith("/")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    return pattern.equals(".") ? "" : pattern;
  }
}
