package dev.solstice.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.solstice.processor.Compilations.compile;
import static dev.solstice.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation rule: a positioned error that says what is wrong and what to do. */
class ValidationTest {
  private static final String[] IMPORTS = {
    "package p;",
    "import dev.solstice.annotations.Model;",
    "import dev.solstice.annotations.Shape;",
    "import dev.solstice.annotations.Static;",
    "import dev.solstice.annotations.Vmap;",
    "import dev.solstice.runtime.Tensor;",
    "import dev.solstice.runtime.random.Key;",
    "import java.util.List;",
    "import java.util.Map;",
    "import java.util.Optional;",
  };

  /** {@code p/Name.java} holding the standard imports and then {@code lines}. */
  private static JavaFileObject file(String name, String... lines) {
    String[] all = new String[IMPORTS.length + lines.length];
    System.arraycopy(IMPORTS, 0, all, 0, IMPORTS.length);
    System.arraycopy(lines, 0, all, IMPORTS.length, lines.length);
    return source("p." + name, all);
  }

  @ParameterizedTest
  @ValueSource(strings = {"class", "interface", "enum"})
  void modelOnANonRecord(String kind) {
    JavaFileObject foo = file("Foo", "@Model", "public " + kind + " Foo {}");

    Compilation compilation = compile(foo);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@Model applies to records, but Foo is a" + (kind.equals("class") ? " " : "n ") + kind)
        .inFile(foo)
        .onLineContaining("@Model");
  }

  @Test
  void genericRecord() {
    JavaFileObject box = file("Box", "@Model", "public record Box<T>(Tensor weight, T value) {}");

    Compilation compilation = compile(box);

    assertThat(compilation).hadErrorContaining("@Model record Box cannot be generic").inFile(box).onLineContaining("@Model");
  }

  @Test
  void privateNestedRecord() {
    JavaFileObject outer =
        file("Outer", "public class Outer {", "  @Model", "  private record Inner(Tensor weight) {}", "}");

    Compilation compilation = compile(outer);

    assertThat(compilation)
        .hadErrorContaining("@Model record Inner is private")
        .inFile(outer)
        .onLineContaining("@Model");
  }

  @Test
  void recordContainingItselfDirectly() {
    JavaFileObject node =
        file("Node", "@Model", "public record Node(", "    Tensor weight,", "    Optional<Node> next) {}");

    Compilation compilation = compile(node);

    assertThat(compilation)
        .hadErrorContaining("@Model record Node contains itself through Node.next -> Node")
        .inFile(node)
        .onLineContaining("Optional<Node> next");
  }

  @Test
  void recordContainingItselfThroughACycle() {
    JavaFileObject a = file("A", "@Model", "public record A(", "    Tensor weight,", "    List<B> children) {}");
    JavaFileObject b = file("B", "@Model", "public record B(", "    A parent) {}");

    Compilation compilation = compile(a, b);

    assertThat(compilation)
        .hadErrorContaining("@Model record A contains itself through A.children -> B.parent -> A")
        .inFile(a)
        .onLineContaining("List<B> children");
    assertThat(compilation)
        .hadErrorContaining("@Model record B contains itself through B.parent -> A.children -> B")
        .inFile(b)
        .onLineContaining("A parent");
  }

  @Test
  void staticLinkBreaksACycle() {
    JavaFileObject node =
        file("Node", "@Model", "public record Node(", "    Tensor weight,", "    @Static Optional<Node> next) {}");

    assertThat(compile(node)).succeededWithoutWarnings();
  }

  @Test
  void shapeOnNonTensorComponents() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(",
            "    @Shape(\"n\") String name,",
            "    @Shape(\"n\") List<Tensor> layers,",
            "    Tensor weight) {}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Shape(\"n\") on component name of Foo annotates String, but @Shape applies to Tensor")
        .inFile(foo)
        .onLineContaining("String name");
    assertThat(compilation)
        .hadErrorContaining("annotates List<Tensor>, but @Shape applies to Tensor types only; put it on the Tensor")
        .inFile(foo)
        .onLineContaining("List<Tensor> layers");
  }

  @Test
  void shapeOnNonTensorVmapParameterAndResult() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap",
            "  public Tensor forward(Tensor x, @Shape(\"k\") int steps) { return x; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Shape(\"k\") on parameter steps of Foo.forward annotates int")
        .inFile(foo)
        .onLineContaining("int steps");
  }

  @Test
  void malformedDimsOnComponents() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(",
            "    @Shape(\"out, in\") Tensor weight,",
            "    List<@Shape(\"*a *b\") Tensor> layers,",
            "    @Static @Shape(\"n#\") Tensor frozen) {}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Shape(\"out, in\") on component weight of Foo is not a valid dims string: ")
        .inFile(foo)
        .onLineContaining("Tensor weight");
    assertThat(compilation)
        .hadErrorContaining("found ',' at column 3 of \"out, in\"")
        .inFile(foo)
        .onLineContaining("Tensor weight");
    assertThat(compilation)
        .hadErrorContaining("@Shape(\"*a *b\") on component layers of Foo is not a valid dims string")
        .inFile(foo)
        .onLineContaining("Tensor> layers");
    assertThat(compilation)
        .hadErrorContaining("@Shape(\"n#\") on component frozen of Foo is not a valid dims string")
        .inFile(foo)
        .onLineContaining("Tensor frozen");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void malformedDimsOnVmapMethods() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap",
            "  public @Shape(\"a..\") Tensor forward(",
            "      @Shape(\"n,\") Tensor x) { return x; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Shape(\"a..\") on the result of Foo.forward is not a valid dims string")
        .inFile(foo)
        .onLineContaining("Tensor forward(");
    assertThat(compilation)
        .hadErrorContaining("@Shape(\"n,\") on parameter x of Foo.forward is not a valid dims string")
        .inFile(foo)
        .onLineContaining("Tensor x");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void unsupportedContainersOfTensorsMustBeStatic() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(",
            "    List<List<Tensor>> grid,",
            "    Map<String, Tensor> byName,",
            "    @Static Map<String, Tensor> frozen,",
            "    List<String> labels,",
            "    java.util.function.Function<Tensor, Tensor> activation,",
            "    List<Object> anything) {}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("component grid of Foo has type List<List<Tensor>>, a container of tensors or models that @Model cannot")
        .inFile(foo)
        .onLineContaining("List<List<Tensor>> grid");
    assertThat(compilation)
        .hadErrorContaining("component byName of Foo has type Map<String, Tensor>")
        .inFile(foo)
        .onLineContaining("Map<String, Tensor> byName");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void interfaceOrAbstractComponentsThatAreNotTreeNodesMustBeStatic() {
    JavaFileObject layer = file("Layer", "public interface Layer {", "  Tensor apply(Tensor x);", "}");
    JavaFileObject block = file("Block", "public abstract class Block {}");
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(",
            "    Layer layer,",
            "    List<Layer> layers,",
            "    Layer[] layerArray,",
            "    Optional<Layer> maybeLayer,",
            "    Block block,",
            "    @Static Layer frozen,",
            "    java.util.function.UnaryOperator<Tensor> activation,",
            "    Comparable<String> order) {}");

    Compilation compilation = compile(layer, block, foo);

    assertThat(compilation)
        .hadErrorContaining(
            "component layer of Foo has type Layer, and Layer is an interface, so the tensors of the records"
                + " behind it would never be trained; make Layer extend dev.solstice.runtime.tree.TreeNode")
        .inFile(foo)
        .onLineContaining("Layer layer,");
    assertThat(compilation)
        .hadErrorContaining("or mark the component @Static if it holds no trainable tensors")
        .inFile(foo)
        .onLineContaining("Layer layer,");
    assertThat(compilation)
        .hadErrorContaining("component layers of Foo has type List<Layer>, and Layer is an interface")
        .inFile(foo)
        .onLineContaining("List<Layer> layers");
    assertThat(compilation)
        .hadErrorContaining("component layerArray of Foo has type Layer[]")
        .inFile(foo)
        .onLineContaining("Layer[] layerArray");
    assertThat(compilation)
        .hadErrorContaining("component maybeLayer of Foo has type Optional<Layer>")
        .inFile(foo)
        .onLineContaining("Optional<Layer> maybeLayer");
    assertThat(compilation)
        .hadErrorContaining("and Block is an abstract class, so the tensors of the records behind it would never be"
            + " trained; make Block implement dev.solstice.runtime.tree.TreeNode")
        .inFile(foo)
        .onLineContaining("Block block");
    assertThat(compilation).hadErrorCount(5);
  }

  @Test
  void treeNodeComponentsAreChildrenButNotInsideOtherContainers() {
    JavaFileObject node = file("Node", "public interface Node extends dev.solstice.runtime.tree.TreeNode {}");
    JavaFileObject box = file("Box", "public interface Box<T> extends dev.solstice.runtime.tree.TreeNode {}");
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(",
            "    Node node,",
            "    List<Node> nodes,",
            "    Map<String, Node> byName,",
            "    Box<String> box) {}");

    Compilation compilation = compile(node, box, foo);

    assertThat(compilation)
        .hadErrorContaining("component byName of Foo has type Map<String, Node>, a container of tensors or models that"
            + " @Model cannot traverse")
        .inFile(foo)
        .onLineContaining("byName");
    assertThat(compilation)
        .hadErrorContaining("component box of Foo holds Box<String>, a TreeNode type with type arguments")
        .inFile(foo)
        .onLineContaining("Box<String> box");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void recordHoldingTensorsWithoutModel() {
    JavaFileObject pair = file("Pair", "public record Pair(Tensor a, Tensor b) {}");
    JavaFileObject foo =
        file("Foo", "@Model", "public record Foo(", "    Pair pair,", "    @Static Pair frozen) {}");

    Compilation compilation = compile(pair, foo);

    assertThat(compilation)
        .hadErrorContaining("component pair of Foo has type Pair, a record with Tensor components that is not annotated @Model")
        .inFile(foo)
        .onLineContaining("Pair pair");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void vmapOnAStaticMethod() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap",
            "  public static Tensor forward(Tensor x) { return x; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Vmap needs an instance method, but Foo.forward is static")
        .inFile(foo)
        .onLineContaining("@Vmap");
  }

  @Test
  void vmapOnAMethodOfANonModelType() {
    JavaFileObject helper =
        file("Helper", "public class Helper {", "  @Vmap", "  public Tensor forward(Tensor x) { return x; }", "}");

    Compilation compilation = compile(helper);

    assertThat(compilation)
        .hadErrorContaining("@Vmap applies to methods of @Model records, but Helper is not annotated @Model")
        .inFile(helper)
        .onLineContaining("@Vmap");
  }

  @Test
  void vmapOnAPrivateOrGenericMethodOrOneNotReturningATensor() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap private Tensor hidden(Tensor x) { return x; }",
            "  @Vmap public <T> Tensor generic(Tensor x, T extra) { return x; }",
            "  @Vmap public float score(Tensor x) { return 0; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Vmap method Foo.hidden is private, but the generated FooBatched calls it")
        .inFile(foo)
        .onLineContaining("hidden(");
    assertThat(compilation)
        .hadErrorContaining("@Vmap method Foo.generic cannot be generic")
        .inFile(foo)
        .onLineContaining("generic(");
    assertThat(compilation)
        .hadErrorContaining("@Vmap method Foo.score must return a Tensor, but it returns float")
        .inFile(foo)
        .onLineContaining("score(");
  }

  @Test
  void inAxesWithTheWrongLength() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap(inAxes = {0})",
            "  public Tensor forward(Tensor x, Tensor y) { return x; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Vmap inAxes of Foo.forward has 1 entries, but the method has 2 parameters")
        .inFile(foo)
        .onLineContaining("@Vmap");
  }

  @Test
  void axesOutOfRangeOfTheShape() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap(inAxes = {2, -3}, outAxes = -3)",
            "  public @Shape(\"n\") Tensor forward(",
            "      @Shape(\"a b\") Tensor x,",
            "      @Shape(\"c\") Tensor y) { return y; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("inAxes[1] = -3 is out of range for parameter y of Foo.forward: with @Shape(\"c\") each"
            + " sample has 1 axes, so the batch has 2 and the axis must be in -2..1")
        .inFile(foo)
        .onLineContaining("Tensor y");
    assertThat(compilation)
        .hadErrorContaining("@Vmap outAxes = -3 is out of range for the result of Foo.forward")
        .inFile(foo)
        .onLineContaining("@Vmap");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void mappingAParameterThatIsNeitherTensorNorKey() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap(inAxes = {0, 0})",
            "  public Tensor forward(Tensor x, int steps) { return x; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("parameter steps of Foo.forward is int and cannot be mapped at axis 0")
        .inFile(foo)
        .onLineContaining("int steps");
  }

  @Test
  void mappingNothing() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap(inAxes = {Vmap.NONE})",
            "  public Tensor forward(Tensor x) { return x; }",
            "  @Vmap",
            "  public Tensor constant(int steps) { return weight; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("@Vmap method Foo.forward maps no parameter")
        .inFile(foo)
        .onLineContaining("@Vmap(inAxes");
    assertThat(compilation).hadErrorContaining("@Vmap method Foo.constant maps no parameter");
  }

  @Test
  void keyMappedFromTheEnd() {
    JavaFileObject foo =
        file(
            "Foo",
            "@Model",
            "public record Foo(Tensor weight) {",
            "  @Vmap(inAxes = {0, -1})",
            "  public Tensor forward(Tensor x, Key key) { return x; }",
            "}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("inAxes[1] = -1 counts the batch axis of Key parameter key of Foo.forward from the end")
        .inFile(foo)
        .onLineContaining("Key key");
  }

  @Test
  void unresolvedComponentTypeIsReportedAfterTheLastRound() {
    JavaFileObject foo = file("Foo", "@Model", "public record Foo(Tensor weight, Missing other) {}");

    Compilation compilation = compile(foo);

    assertThat(compilation)
        .hadErrorContaining("cannot generate the tree code of Foo: Missing cannot be resolved")
        .inFile(foo)
        .onLineContaining("record Foo");
  }
}
