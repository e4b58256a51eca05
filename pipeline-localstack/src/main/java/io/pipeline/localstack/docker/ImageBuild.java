package io.pipeline.localstack.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * How Compose builds a service's image ({@link ComposeService#build()}), read for the tests that
 * keep {@code docker/} in step with the code.
 *
 * @param context the build context's folder
 * @param dockerfilePath the Dockerfile
 * @param args the build args; a name without a value, which Compose takes from its environment,
 *     maps to null
 */
public record ImageBuild(Path context, Path dockerfilePath, Map<String, String> args) {

  /**
   * What the build reads of a module: its POM, its sources, and, for a module Maven builds with npm
   * (the console), its package files and bundling script.
   */
  private static final List<String> MODULE_FILES =
      List.of("pom.xml", "src", "package.json", "package-lock.json", "build.mjs");

  public ImageBuild {
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** The Dockerfile with these build args substituted ({@link Dockerfile#withArgs}). */
  public Dockerfile dockerfile() {
    return Dockerfile.read(dockerfilePath).withArgs(args);
  }

  /** The build args the Dockerfile does not read: misspelt or stale, which docker only warns of. */
  public Set<String> argsNotRead() {
    Set<String> unread = new TreeSet<>(args.keySet());
    unread.removeAll(Dockerfile.read(dockerfilePath).argsRead());
    return unread;
  }

  /** The modules the context's {@code pom.xml} lists in its {@code <modules>}, profiles aside. */
  public List<String> modules() {
    Path pom = context.resolve("pom.xml");
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
      List<String> modules = new ArrayList<>();
      for (Element list : children(project, "modules")) {
        children(list, "module").forEach(module -> modules.add(module.getTextContent().strip()));
      }
      return modules;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pom, e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalArgumentException("not a POM: " + pom, e);
    }
  }

  /**
   * What Maven needs of each of the root pom's modules (its {@code pom.xml}, and its {@code src}
   * and npm build files where it has them) that the Dockerfile does not copy beside the root pom in
   * the context's layout: a module left out fails the build, since Maven reads every module the
   * root pom lists. Empty when all are copied; {@code pom.xml} itself when the root pom is not
   * copied.
   */
  public List<String> moduleFilesNotCopied() {
    Dockerfile dockerfile = dockerfile();
    Set<Path> roots = new TreeSet<>();
    dockerfile.destinationsOf("pom.xml").forEach(pom -> roots.add(pom.getParent()));
    if (roots.isEmpty()) {
      return List.of("pom.xml");
    }
    List<String> missing = new ArrayList<>();
    for (String module : modules()) {
      for (String file : MODULE_FILES.stream().map(name -> module + "/" + name).toList()) {
        boolean needed = file.endsWith("pom.xml") || Files.exists(context.resolve(file));
        Set<Path> destinations = dockerfile.destinationsOf(file);
        if (needed && roots.stream().noneMatch(root -> destinations.contains(root.resolve(file)))) {
          missing.add(file);
        }
      }
    }
    return missing;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(name)) {
        children.add(element);
      }
    }
    return children;
  }
}
