package dev.solstice.shape;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Reads the cases jaxtyping decided, from the JSON files in the test resources. */
final class JaxtypingCases {
  private JaxtypingCases() {}

  /** One call f(x0, x1, ...) and, when returnSpec is set, its return value. */
  record Call(
      String topic,
      List<String> specs,
      List<int[]> shapes,
      String returnSpec,
      int[] returnShape,
      boolean ok) {

    @Override
    public String toString() {
      String arguments =
          java.util.stream.IntStream.range(0, specs.size())
              .mapToObj(i -> "\"" + specs.get(i) + "\" " + Arrays.toString(shapes.get(i)))
              .collect(Collectors.joining(", "));
      String result =
          returnSpec == null ? "" : " -> \"" + returnSpec + "\" " + Arrays.toString(returnShape);
      return arguments + result + (ok ? " accepted" : " rejected");
    }
  }

  /** Whether jaxtyping could build Float[Array, spec], and if so whether Solstice supports it. */
  record Parse(String spec, String jaxtyping, boolean supported, String reason) {
    boolean rejectedByJaxtyping() {
      return jaxtyping.equals("rejected");
    }

    @Override
    public String toString() {
      return "\"" + spec + "\" " + jaxtyping + (reason == null ? "" : " (" + reason + ")");
    }
  }

  private record CallFile(List<Call> cases) {}

  private record ParseFile(List<Parse> specs) {}

  static List<Call> calls(String resource) {
    return read(resource, CallFile.class).cases();
  }

  static List<Parse> parses(String resource) {
    return read(resource, ParseFile.class).specs();
  }

  private static <T> T read(String resource, Class<T> type) {
    try (InputStream in =
            Objects.requireNonNull(
                JaxtypingCases.class.getResourceAsStream("/" + resource), resource);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return new Gson().fromJson(reader, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
