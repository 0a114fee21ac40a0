package dev.solstice.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.solstice.processor.Compilations.compile;
import static dev.solstice.processor.Compilations.input;
import static dev.solstice.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Generated code compiles warning-free for every kind of component and is usable as designed. */
class GeneratedCodeTest {

  @Test
  void memberRecordsGetPrefixedNames() {
    Compilation compilation = compile(input("p/Outer.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("p.Outer_InnerTree").contentsAsUtf8String().contains(
        "public final class Outer_InnerTree implements TreeDef<Outer.Inner>");
    assertThat(compilation).generatedSourceFile("p.Outer_InnerGrad");
    assertThat(compilation).generatedSourceFile("p.Outer_InnerGradTree");
  }

  @Test
  void componentsAndParametersNamedLikeGeneratedLocalsCompile() {
    Compilation compilation = compile(input("p/Linear.java"), input("p/Clash.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.ClashBatched")
        .contentsAsUtf8String()
        .contains("result_ = batch_.out(model_.forward(modelSample_, batchSample, scopeSample");
  }

  @Test
  void seedUserCodeCompilesAgainstTheGeneratedApi() {
    Compilation compilation = compile(input("p/Linear.java"), input("p/Mlp.java"), input("p/Train.java"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void defaultInAxesMapTensorsAndKeysAndBroadcastTheRest() {
    Compilation compilation =
        compile(
            source(
                "p.Noisy",
                "package p;",
                "import dev.solstice.annotations.Model;",
                "import dev.solstice.annotations.Vmap;",
                "import dev.solstice.runtime.Tensor;",
                "import dev.solstice.runtime.random.Key;",
                "@Model",
                "public record Noisy(Tensor weight) {",
                "  @Vmap",
                "  public Tensor forward(float scale, Key key, Tensor x) { return x; }",
                "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.NoisyBatched")
        .contentsAsUtf8String()
        .contains(
            "    int size;\n"
                + "    if (key != null) {\n"
                + "      size = key.keyData().dim(0);\n"
                + "    } else if (x != null) {\n"
                + "      size = x.dim(0);\n"
                + "    } else {\n");
    assertThat(compilation)
        .generatedSourceFile("p.NoisyBatched")
        .contentsAsUtf8String()
        .contains(
            "    try (Batching batch = Batching.begin(size)) {\n"
                + "      Key keySample = key == null ? null : batch.in(\"key\", key, 0);\n"
                + "      Tensor xSample = x == null ? null : batch.in(\"x\", x, 0);\n"
                + "      result = batch.out(model.forward(scale, keySample, xSample), 0);\n");
  }

  @Test
  void negativeAxesCountFromTheEndOfTheBatchedShape() {
    Compilation compilation =
        compile(
            source(
                "p.Cols",
                "package p;",
                "import dev.solstice.annotations.Model;",
                "import dev.solstice.annotations.Shape;",
                "import dev.solstice.annotations.Vmap;",
                "import dev.solstice.runtime.Tensor;",
                "@Model",
                "public record Cols(Tensor weight) {",
                "  @Vmap(inAxes = {-1, -1}, outAxes = -2)",
                "  public @Shape(\"b\") Tensor forward(@Shape(\"a b\") Tensor x, @Shape(\"*rest\") Tensor y) {",
                "    return x;",
                "  }",
                "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.ColsBatched")
        .contentsAsUtf8String()
        .contains(
            "public static @Shape(\"batch b\") Tensor forward(Cols model, @Shape(\"a b batch\") Tensor x,\n"
                + "      @Shape(\"*rest batch\") Tensor y) {");
    assertThat(compilation)
        .generatedSourceFile("p.ColsBatched")
        .contentsAsUtf8String()
        .contains(
            "      Tensor xSample = x == null ? null : batch.in(\"x\", x, 2);\n"
                + "      Tensor ySample = y == null ? null : batch.in(\"y\", y, -1);\n"
                + "      result = batch.out(model.forward(xSample, ySample), 0);\n");
  }

  @Test
  void batchAxisNameAvoidsDimsTheSpecsAlreadyUse() {
    Compilation compilation =
        compile(
            source(
                "p.Seq",
                "package p;",
                "import dev.solstice.annotations.Model;",
                "import dev.solstice.annotations.Shape;",
                "import dev.solstice.annotations.Vmap;",
                "import dev.solstice.runtime.Tensor;",
                "@Model",
                "public record Seq(@Shape(\"batch2 d\") Tensor weight) {",
                "  @Vmap",
                "  public @Shape(\"d\") Tensor forward(@Shape(\"batch d\") Tensor x) { return x; }",
                "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.SeqBatched")
        .contentsAsUtf8String()
        .contains("forward(Seq model, @Shape(\"batch3 batch d\") Tensor x)");
  }
}
