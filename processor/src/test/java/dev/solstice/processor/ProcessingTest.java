package dev.solstice.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.solstice.processor.Compilations.input;
import static dev.solstice.processor.Compilations.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the processor behaves across records and rounds. */
class ProcessingTest {

  @Test
  void oneBadRecordDoesNotStopTheOthers(@TempDir Path generated) throws IOException {
    JavaFileObject bad =
        source(
            "p.Bad",
            "package p;",
            "import dev.solstice.annotations.Model;",
            "import dev.solstice.annotations.Shape;",
            "@Model",
            "public record Bad(",
            "    @Shape(\"n\") String name) {}");
    // compile-testing hides generated files once compilation failed, so write them to a directory.
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              diagnostics,
              List.of("-proc:only"),
              null,
              Compilations.withStubs(bad, input("p/Linear.java"), input("p/Mlp.java")));
      task.setProcessors(List.of(new ModelProcessor()));

      assertThat(task.call()).isFalse();
    }

    List<String> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> d.getSource().getName() + ": " + d.getMessage(Locale.ROOT))
            .toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).contains("Bad.java: @Shape(\"n\") on component name of Bad");
    for (String name : List.of("LinearTree", "LinearGrad", "LinearGradTree", "MlpTree", "MlpGrad", "MlpBatched")) {
      assertThat(Files.exists(generated.resolve("p/" + name + ".java"))).isTrue();
    }
    assertThat(Files.exists(generated.resolve("p/BadTree.java"))).isFalse();
  }

  @Test
  void recordWhoseComponentTypeIsGeneratedLaterIsDeferredToTheNextRound() {
    JavaFileObject uses =
        source(
            "p.Uses",
            "package p;",
            "import dev.solstice.annotations.Model;",
            "import dev.solstice.runtime.Tensor;",
            "@Model",
            "public record Uses(Tensor weight, Layer layer) {}");

    Compilation compilation =
        javac()
            .withProcessors(new ModelProcessor(), new LayerGenerator())
            .withOptions("-Xlint:all", "-Xlint:-processing")
            .compile(Compilations.withStubs(uses));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.UsesTree")
        .contentsAsUtf8String()
        .contains("LayerTree.addLeaves(tree.layer(), leaves);");
    assertThat(compilation).generatedSourceFile("p.LayerTree");
  }

  @Test
  void registeredAsAnAnnotationProcessorService() {
    assertThat(ServiceLoader.load(Processor.class).stream().map(ServiceLoader.Provider::type).toList())
        .contains(ModelProcessor.class);
  }

  @Test
  void leavesModelAndVmapUnclaimedForOtherProcessors() {
    Recorder recorder = new Recorder();

    Compilation compilation =
        javac()
            .withProcessors(new ModelProcessor(), recorder)
            .compile(Compilations.withStubs(input("p/Linear.java"), input("p/Mlp.java")));

    assertThat(compilation).succeeded();
    assertThat(recorder.annotations).containsAtLeast("dev.solstice.annotations.Model", "dev.solstice.annotations.Vmap");
  }

  /**
   * Records, in every round, the annotations left for it by the processors before it and the
   * types of the round (the generated ones included).
   */
  private static final class Recorder extends AbstractProcessor {
    final Set<String> annotations = new HashSet<>();
    final Set<String> types = new HashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> offered, RoundEnvironment round) {
      offered.forEach(annotation -> annotations.add(annotation.getQualifiedName().toString()));
      for (Element element : round.getRootElements()) {
        if (element instanceof TypeElement type) {
          types.add(type.getQualifiedName().toString());
        }
      }
      return false;
    }
  }

  /** Generates the {@code @Model} record {@code p.Layer} in the first round, as another processor might. */
  private static final class LayerGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      try (Writer writer = processingEnv.getFiler().createSourceFile("p.Layer").openWriter()) {
        writer.write(
            "package p;\n@dev.solstice.annotations.Model\n"
                + "public record Layer(dev.solstice.runtime.Tensor bias) {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }
}
