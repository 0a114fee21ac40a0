package dev.solstice.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeScopeTest {

  @Test
  void checksChainAndBindInJaxtypingsOrder() {
    ShapeScope scope = new ShapeScope();

    assertSame(scope, scope.check("x", "batch *rest", 3, 2, 5).check("n", 4));
    assertEquals(
        Map.of("batch", List.of(3), "n", List.of(4), "*rest", List.of(2, 5)), scope.bindings());
    assertEquals(List.of("batch", "n", "*rest"), List.copyOf(scope.bindings().keySet()));
    assertEquals("batch=3\nn=4\n*rest=(2, 5)", scope.toString());
  }

  @Test
  void bindingsAreAReadOnlySnapshot() {
    ShapeScope scope = new ShapeScope().check("a", 2);
    Map<String, List<Integer>> before = scope.bindings();

    scope.check("b", 3);

    assertEquals(Map.of("a", List.of(2)), before);
    assertThrows(UnsupportedOperationException.class, () -> before.put("c", List.of(1)));
  }

  @Test
  void aFailedCheckBindsNothing() {
    ShapeScope scope = new ShapeScope().check("a", 2);

    assertThrows(ShapeMismatchException.class, () -> scope.check("c d a", 5, 6, 9));
    assertEquals(Map.of("a", List.of(2)), scope.bindings());
    scope.check("c a", 7, 2);
    assertEquals(Map.of("a", List.of(2), "c", List.of(7)), scope.bindings());
  }

  @Test
  void singleAndVariadicNamesAreSeparate() {
    ShapeScope scope = new ShapeScope().check("n *n", 2, 5, 6);

    assertEquals(Map.of("n", List.of(2), "*n", List.of(5, 6)), scope.bindings());
    scope.check("*n n", 5, 6, 2);
  }

  @Test
  void broadcastVariadicsWidenTheirBinding() {
    ShapeScope scope = new ShapeScope().check("*#b", 1, 3).check("*#b", 4, 1, 1);

    assertEquals(List.of(4, 1, 3), scope.bindings().get("*b"));
    scope.check("*b", 4, 1, 3);
    assertThrows(ShapeMismatchException.class, () -> scope.check("*b", 4, 2, 3));
  }

  @Test
  void broadcastableAxesOfSizeOneNeitherBindNorCompare() {
    ShapeScope scope = new ShapeScope().check("#a", 1);

    assertFalse(scope.bindings().containsKey("a"));
    scope.check("a", 5).check("#a", 1).check("#a", 5);
    assertThrows(ShapeMismatchException.class, () -> scope.check("#a", 4));
  }

  @Test
  void symbolicAxesUseWhatIsBoundSoFar() {
    new ShapeScope().check("n n+1", 2, 3).checkReturn("2*n-1 n//2", 3, 1);
    assertThrows(ShapeMismatchException.class, () -> new ShapeScope().check("n+1 n", 3, 2));
    assertThrows(
        ShapeMismatchException.class, () -> new ShapeScope().check("a b", 4, 0).check("a//b", 1));
  }

  @Test
  void treePathAxesFailUnlessSkipped() {
    assertThrows(ShapeMismatchException.class, () -> new ShapeScope().check("?a", 3));
    new ShapeScope().check("#?a ?_b", 1, 7);
  }

  @Test
  void badGrammarIsASyntaxError() {
    assertThrows(ShapeSyntaxException.class, () -> new ShapeScope().check("x", "a,b", 1, 2));
  }

  @Test
  void enabledIsReadOnceFromTheSystemProperty() throws Exception {
    String property = "solstice.shapecheck";
    String saved = System.getProperty(property);
    try {
      System.setProperty(property, "false");
      assertFalse(enabledInFreshClassLoader());
      System.setProperty(property, "true");
      assertTrue(enabledInFreshClassLoader());
      System.clearProperty(property);
      assertTrue(enabledInFreshClassLoader());
    } finally {
      if (saved == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, saved);
      }
    }
    assertEquals(!"false".equals(saved), ShapeScope.enabled());
  }

  /** Loads ShapeScope afresh, so that its static initialiser reads the property now. */
  private static boolean enabledInFreshClassLoader() throws Exception {
    URL classes = ShapeScope.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Method enabled = loader.loadClass(ShapeScope.class.getName()).getMethod("enabled");
      return (boolean) enabled.invoke(null);
    }
  }
}
