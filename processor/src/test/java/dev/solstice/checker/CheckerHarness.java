package dev.solstice.checker;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles checker test programs (resources under {@code checker/}) with {@link ShapeChecker},
 * against stubs of the runtime, and reads the diagnostics they expect.
 *
 * <p>Expectations follow the Checker Framework's convention: a comment line {@code // :: error:
 * (shape.argument)} (or {@code warning}) expects that diagnostic on the next line that is not such
 * a comment; one comment may list several, {@code // :: error: (shape.op) :: warning:
 * (shape.unproven)}. A line {@code // options: -Ashape.strict} passes options to javac.
 */
final class CheckerHarness {
  private static final Pattern EXPECTATION = Pattern.compile("::\\s*(error|warning):\\s*\\(([\\w.]+)\\)");
  private static final Pattern KEY = Pattern.compile("^\\[(?:[\\w.]+:)?([\\w.]+)\\]");
  private static final Pattern OPTIONS = Pattern.compile("^\\s*// options:(.*)$");

  private CheckerHarness() {}

  /** The test programs in the resource folder {@code folder}, by file name. */
  static Stream<String> programs(String folder) {
    try (Stream<Path> files = Files.list(resourcePath(folder))) {
      return files
          .map(path -> folder + "/" + path.getFileName())
          .filter(name -> name.endsWith(".java"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code resource} and the runtime stubs with the checker. */
  static Compilation compile(String resource, String... extraOptions) {
    List<JavaFileObject> sources = new ArrayList<>(stubs());
    JavaFileObject program = source(resource);
    sources.add(program);
    List<String> options = new ArrayList<>(List.of("-Xlint:-processing", "-proc:only"));
    options.addAll(optionsOf(resource));
    options.addAll(List.of(extraOptions));
    return javac().withProcessors(new ShapeChecker()).withOptions(options).compile(sources);
  }

  /** The diagnostics {@code resource} expects, as {@code "line 12: error (shape.argument)"}. */
  static List<String> expected(String resource) {
    List<String> lines = lines(resource);
    List<String> expected = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("// ::")) {
        Matcher matcher = EXPECTATION.matcher(line);
        while (matcher.find()) {
          pending.add(matcher.group(1) + " (" + matcher.group(2) + ")");
        }
      } else {
        for (String diagnostic : pending) {
          expected.add("line " + (i + 1) + ": " + diagnostic);
        }
        pending.clear();
      }
    }
    return expected.stream().sorted().collect(Collectors.toList());
  }

  /** The diagnostics reported in {@code resource}, in the form of {@link #expected}. */
  static List<String> reported(Compilation compilation, String resource) {
    String file = Paths.get(resource).getFileName().toString();
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
        .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("/" + file))
        .map(d -> "line " + d.getLineNumber() + ": " + kind(d) + " (" + key(d) + ")")
        .sorted()
        .collect(Collectors.toList());
  }

  /** Diagnostics outside the program (in the stubs, or without a source), which there should be none of. */
  static List<String> elsewhere(Compilation compilation, String resource) {
    String file = Paths.get(resource).getFileName().toString();
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
        .filter(d -> d.getSource() == null || !d.getSource().getName().endsWith("/" + file))
        .map(d -> d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }

  /** The message of the one diagnostic of {@code key} on the line of {@code resource} containing {@code text}. */
  static String messageOn(Compilation compilation, String key, String text, String resource) {
    List<String> lines = lines(resource);
    List<String> messages = compilation.diagnostics().stream()
        .filter(d -> d.getLineNumber() > 0 && d.getLineNumber() <= lines.size())
        .filter(d -> lines.get((int) d.getLineNumber() - 1).contains(text))
        .filter(d -> key.equals(key(d)))
        .map(d -> d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
    if (messages.size() != 1) {
      throw new AssertionError("expected one " + key + " on the line containing \"" + text + "\", found " + messages
          + "\nall diagnostics: " + compilation.diagnostics());
    }
    return messages.get(0);
  }

  private static String kind(Diagnostic<?> diagnostic) {
    return diagnostic.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning";
  }

  private static String key(Diagnostic<?> diagnostic) {
    Matcher matcher = KEY.matcher(diagnostic.getMessage(Locale.ROOT));
    return matcher.find() ? matcher.group(1) : "javac:" + diagnostic.getCode();
  }

  private static List<String> optionsOf(String resource) {
    List<String> options = new ArrayList<>();
    for (String line : lines(resource)) {
      Matcher matcher = OPTIONS.matcher(line);
      if (matcher.matches()) {
        options.addAll(List.of(matcher.group(1).trim().split("\\s+")));
      }
    }
    return options;
  }

  private static List<JavaFileObject> stubs() {
    try (Stream<Path> files = Files.walk(resourcePath("checker/stubs"))) {
      return files
          .filter(path -> path.toString().endsWith(".java"))
          .sorted()
          .map(CheckerHarness::source)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JavaFileObject source(String resource) {
    return JavaFileObjects.forResource(resource(resource));
  }

  private static JavaFileObject source(Path path) {
    try {
      return JavaFileObjects.forResource(path.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(String resource) {
    try {
      return Files.readAllLines(resourcePath(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URL resource(String name) {
    URL url = CheckerHarness.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    return url;
  }

  private static Path resourcePath(String name) {
    try {
      return Paths.get(resource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
