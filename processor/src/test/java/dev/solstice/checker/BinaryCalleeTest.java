package dev.solstice.checker;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs of methods and records in class files (a library such as the runtime's nn layers) are read back. */
class BinaryCalleeTest {
  private static final String LIBRARY = "checker/binary/Layers.java";
  private static final String CALLER = "checker/binary/UsesLayers.java";

  @Test
  void checksCallsIntoCompiledClasses(@TempDir Path classes) throws IOException {
    Compilation library = CheckerHarness.compile(LIBRARY, "-proc:none");
    assertWithMessage("library diagnostics").that(library.diagnostics()).isEmpty();
    for (JavaFileObject file : library.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        Path target = classes.resolve(file.getName().replaceFirst("^/CLASS_OUTPUT/", ""));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    String classpath = classes + System.getProperty("path.separator") + System.getProperty("java.class.path");
    Compilation caller = CheckerHarness.compile(CALLER, "-classpath", classpath);
    assertWithMessage("diagnostics of %s; all of them:\n%s", CALLER, caller.diagnostics())
        .that(CheckerHarness.reported(caller, CALLER))
        .containsExactlyElementsIn(CheckerHarness.expected(CALLER));
  }

  @Test
  void libraryIsReallyCompiledSeparately() {
    assertWithMessage("the caller must not compile without the library's classes")
        .that(CheckerHarness.compile(CALLER).status())
        .isEqualTo(Compilation.Status.FAILURE);
  }
}
