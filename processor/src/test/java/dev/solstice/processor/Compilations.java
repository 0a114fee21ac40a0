package dev.solstice.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles test sources with {@link ModelProcessor}, against source stubs of the runtime API. */
final class Compilations {
  private static final List<String> STUBS =
      List.of(
          "dev/solstice/runtime/Tensor.java",
          "dev/solstice/runtime/ValueAndGrad.java",
          "dev/solstice/runtime/Autodiff.java",
          "dev/solstice/runtime/Batching.java",
          "dev/solstice/runtime/random/Key.java",
          "dev/solstice/runtime/tree/TreeDef.java",
          "dev/solstice/runtime/tree/Pytree.java",
          "dev/solstice/runtime/tree/TreeNode.java");

  private Compilations() {}

  /** Compiles {@code sources} with the processor, all lint warnings on, as the project builds. */
  static Compilation compile(JavaFileObject... sources) {
    return javac()
        .withProcessors(new ModelProcessor())
        .withOptions("-Xlint:all", "-Xlint:-processing")
        .compile(withStubs(sources));
  }

  /** {@code sources} and the source stubs of the runtime API they compile against. */
  static List<JavaFileObject> withStubs(JavaFileObject... sources) {
    List<JavaFileObject> all = new ArrayList<>();
    for (String stub : STUBS) {
      all.add(JavaFileObjects.forResource("stubs/" + stub));
    }
    all.addAll(List.of(sources));
    return all;
  }

  /** A test input from {@code src/test/resources/input/}, such as {@code "p/Linear.java"}. */
  static JavaFileObject input(String path) {
    return JavaFileObjects.forResource("input/" + path);
  }

  /** A golden generated source from {@code src/test/resources/expected/}. */
  static JavaFileObject expected(String path) {
    return JavaFileObjects.forResource("expected/" + path);
  }

  /** A source file {@code p/Name.java} made of {@code lines}. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }
}
