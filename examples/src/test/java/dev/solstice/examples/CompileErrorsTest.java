package dev.solstice.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.solstice.checker.ShapeChecker;
import java.io.IOException;
import java.net.MalformedURLException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compile-errors showcase ({@code src/compile-errors/}): each program, compiled with {@link
 * ShapeChecker} against the real runtime on this module's class path, reports exactly the
 * diagnostics its comments expect. A comment line {@code // :: error: (shape.argument)} expects
 * that diagnostic on the next line that is not such a comment, as in the Checker Framework's own
 * tests. A missing diagnostic is a bug the checker lets through; an extra one is a false positive.
 */
class CompileErrorsTest {
  private static final Path SHOWCASE = Paths.get("src", "compile-errors");
  private static final Pattern EXPECTATION = Pattern.compile("::\\s*(error|warning):\\s*\\(([\\w.]+)\\)");
  private static final Pattern CHECKER_KEY = Pattern.compile("^\\[([\\w.]+)\\]");
  private static final Pattern README_ROW = Pattern.compile("^\\| `(\\w+)` \\|");

  static Stream<String> programs() throws IOException {
    try (Stream<Path> files = Files.list(SHOWCASE)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".java"))
          .map(name -> name.substring(0, name.length() - ".java".length()))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void reportsExactlyTheExpectedErrors(String program) throws IOException {
    Path source = SHOWCASE.resolve(program + ".java");
    List<String> expected = expected(source);
    assertWithMessage("%s expects no error: a showcase program shows a bug", program).that(expected).isNotEmpty();

    Compilation compilation = compile(source);

    assertWithMessage("diagnostics of %s; all of them:\n%s", program, compilation.diagnostics())
        .that(reported(compilation))
        .containsExactlyElementsIn(expected);
  }

  @Test
  void readmeListsEveryProgram() throws IOException {
    List<String> listed = new ArrayList<>();
    for (String line : Files.readAllLines(SHOWCASE.resolve("README.md"))) {
      Matcher row = README_ROW.matcher(line);
      if (row.find()) {
        listed.add(row.group(1));
      }
    }
    assertThat(listed).containsExactlyElementsIn(programs().collect(Collectors.toList()));
  }

  private static Compilation compile(Path source) throws MalformedURLException {
    return javac()
        .withProcessors(new ShapeChecker())
        .withOptions("-proc:only", "-Xlint:-processing")
        .compile(JavaFileObjects.forResource(source.toUri().toURL()));
  }

  /** The diagnostics {@code source} expects, as {@code "line 12: error (shape.argument)"}. */
  private static List<String> expected(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source);
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
    return expected;
  }

  /** Every error and warning of {@code compilation}, in the form of {@link #expected}. */
  private static List<String> reported(Compilation compilation) {
    return compilation.diagnostics().stream()
        .filter(diagnostic -> diagnostic.getKind() != Diagnostic.Kind.NOTE)
        .map(diagnostic -> "line " + diagnostic.getLineNumber() + ": " + kind(diagnostic) + " (" + key(diagnostic) + ")")
        .collect(Collectors.toList());
  }

  private static String kind(Diagnostic<?> diagnostic) {
    return diagnostic.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning";
  }

  /** The checker's message key, or javac's diagnostic code for javac's own diagnostics. */
  private static String key(Diagnostic<?> diagnostic) {
    Matcher matcher = CHECKER_KEY.matcher(diagnostic.getMessage(Locale.ROOT));
    return matcher.find() ? matcher.group(1) : "javac:" + diagnostic.getCode();
  }
}
