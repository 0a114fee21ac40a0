package dev.solstice.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.solstice.processor.Compilations.compile;
import static dev.solstice.processor.Compilations.expected;
import static dev.solstice.processor.Compilations.input;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated sources of representative models, against reviewed golden files. */
class GoldenSourcesTest {

  @Test
  void seedLinearAndMlpWithVmap() {
    Compilation compilation = compile(input("p/Linear.java"), input("p/Mlp.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(
        compilation,
        List.of(
            "LinearTree", "LinearGrad", "LinearGradTree", "MlpTree", "MlpGrad", "MlpGradTree", "MlpBatched"));
  }

  @Test
  void listOfModelsStaticIntAndOptionalBias() {
    Compilation compilation = compile(input("p/Linear.java"), input("p/Deep.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, List.of("DeepTree", "DeepGrad", "DeepGradTree"));
  }

  @Test
  void staticTensorAndMappedKeyWithExplicitAxes() {
    Compilation compilation = compile(input("p/Embedder.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, List.of("EmbedderTree", "EmbedderGrad", "EmbedderBatched"));
  }

  @Test
  void everyKindOfComponent() {
    Compilation compilation = compile(input("p/Linear.java"), input("p/Outer.java"), input("p/Everything.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, List.of("EverythingTree", "EverythingGrad", "EverythingGradTree"));
  }

  @Test
  void treeNodeChildrenInEveryContainer() {
    Compilation compilation =
        compile(input("p/Linear.java"), input("p/Layer.java"), input("p/Dense.java"), input("p/Net.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, List.of("NetTree", "NetGrad", "NetGradTree", "DenseTree"));
  }

  @Test
  void nullabilityAnnotationsCarryOverToTheGradient() {
    Compilation compilation = compile(input("p/Linear.java"), input("p/legacy/Nullable.java"), input("p/Gate.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, List.of("GateGrad"));
  }

  @Test
  void noBatchedClassWithoutVmapMethods() {
    Compilation compilation = compile(input("p/Linear.java"));

    assertThat(compilation).succeeded();
    assertTrue(compilation.generatedSourceFile("p.LinearBatched").isEmpty(), "LinearBatched was generated");
  }

  private static void assertGenerated(Compilation compilation, List<String> names) {
    for (String name : names) {
      assertThat(compilation)
          .generatedSourceFile("p." + name)
          .hasSourceEquivalentTo(expected("p/" + name + ".java"));
    }
  }
}
