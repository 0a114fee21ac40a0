package dev.solstice.checker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures what {@code ShapeChecker} adds to a compilation: compiles the same sources with plain
 * javac and with the checker, each in fresh JVMs, and reports the median CPU time of each and
 * their ratio.
 *
 * <pre>
 * java -cp TEST_CLASSPATH dev.solstice.checker.bench.CompileOverhead \
 *     [--runs 3] [--jvm -XX:TieredStopAtLevel=1] [--classpath CP] [--javac-option OPT]
 *     [--processor dev.solstice.processor.ModelProcessor] DIR_OR_FILE...
 * </pre>
 *
 * <p>The test class path has the checker and its dependencies; {@code --classpath} adds what the
 * sources need. {@code --jvm FLAG}, {@code --javac-option OPT} and {@code --processor NAME} (a
 * processor the sources need, such as the code generator) apply to both compilations.
 */
public final class CompileOverhead {
  private static final List<String> JDK_COMPILER_ACCESS =
      List.of(
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.main=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.model=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.processing=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED");

  private CompileOverhead() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int runs = 3;
    List<String> jvmFlags = new ArrayList<>();
    List<String> javacOptions = new ArrayList<>();
    String classpath = System.getProperty("java.class.path");
    List<String> sources = new ArrayList<>();
    List<String> processors = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs":
          runs = Integer.parseInt(args[++i]);
          break;
        case "--jvm":
          jvmFlags.add(args[++i]);
          break;
        case "--classpath":
          classpath = args[++i] + java.io.File.pathSeparator + classpath;
          break;
        case "--javac-option":
          javacOptions.add(args[++i]);
          break;
        case "--processor":
          processors.add(args[++i]);
          break;
        default:
          sources.addAll(javaFiles(Paths.get(args[i])));
      }
    }
    Path out = Files.createTempDirectory("compile-overhead");
    List<String> common = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-Xlint:-options"));
    common.addAll(javacOptions);
    long lines = 0;
    for (String source : sources) {
      lines += Files.readAllLines(Paths.get(source), StandardCharsets.UTF_8).size();
    }
    System.out.printf("%d files, %d lines, %d runs each, JVM flags %s%n", sources.size(), lines, runs, jvmFlags);
    List<String> without = processors.isEmpty() ? List.of("-proc:none") : List.of("-processor", String.join(",", processors));
    List<String> checker = new ArrayList<>(processors);
    checker.add("dev.solstice.checker.ShapeChecker");
    long plain = median(runs, jvmFlags, classpath, concat(common, without, sources));
    long checked = median(runs, jvmFlags, classpath, concat(common, List.of("-processor", String.join(",", checker)), sources));
    System.out.printf("javac %-12s %6d ms CPU%n", processors.isEmpty() ? "" : "+ processors", plain);
    System.out.printf("%-18s %6d ms CPU%n", "... + ShapeChecker", checked);
    System.out.printf("overhead           %6.2fx%n", (double) checked / plain);
  }

  private static long median(int runs, List<String> jvmFlags, String classpath, List<String> javacArgs)
      throws IOException, InterruptedException {
    List<Long> times = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      times.add(cpuMillis(jvmFlags, classpath, javacArgs));
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  private static long cpuMillis(List<String> jvmFlags, String classpath, List<String> javacArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JDK_COMPILER_ACCESS);
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", classpath, TimedCompile.class.getName()));
    command.addAll(javacArgs);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> output;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      output = reader.lines().collect(Collectors.toList());
    }
    process.waitFor();
    if (!output.contains("status 0")) {
      throw new IllegalStateException("compilation failed: " + output + "; run the command to see why: " + command);
    }
    String cpu = output.stream().filter(line -> line.startsWith("cpu-ms ")).findFirst().orElseThrow();
    return Long.parseLong(cpu.substring("cpu-ms ".length()));
  }

  private static List<String> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(path -> path.toString().endsWith(".java")).map(Path::toString).sorted().collect(Collectors.toList());
    }
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }
}
