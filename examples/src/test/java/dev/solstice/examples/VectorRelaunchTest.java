package dev.solstice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VectorRelaunchTest {
  private static final String[] DIGITS = {"digits", "--epochs", "1", "--no-plot"};

  private static final List<String> OPTIONS = List.of("-Xmx2g", "-Dsolstice.kernel=blas");

  @Test
  void restartsOnlyTrainingCommandsThatLackTheModuleTheJdkHas() {
    assertTrue(VectorRelaunch.wanted(DIGITS, false, true, null, OPTIONS));
    assertTrue(VectorRelaunch.wanted(new String[] {"fashion"}, false, true, "true", OPTIONS));
    assertTrue(VectorRelaunch.wanted(new String[] {"charlm"}, false, true, null, List.of()));
    assertFalse(VectorRelaunch.wanted(DIGITS, true, true, null, OPTIONS), "module already there");
    assertFalse(VectorRelaunch.wanted(DIGITS, false, false, null, OPTIONS), "JDK without the module");
    assertFalse(VectorRelaunch.wanted(DIGITS, false, true, "false", OPTIONS), "turned off, as in the child");
    assertFalse(VectorRelaunch.wanted(new String[] {"polynomial"}, false, true, null, OPTIONS), "not a heavy command");
    assertFalse(VectorRelaunch.wanted(new String[] {"bench"}, false, true, null, OPTIONS), "bench forks its own JVMs");
    assertFalse(VectorRelaunch.wanted(new String[0], false, true, null, OPTIONS));
    assertFalse(VectorRelaunch.wanted(DIGITS, false, true, null, List.of("-Dsolstice.kernel=java")),
        "plain Java kernels asked for");
  }

  @Test
  void aJvmWithADebuggerOrProfilerIsNotRestarted() {
    for (String agent : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
        "-agentpath:/opt/async-profiler/lib/libasyncProfiler.so=start,file=p.html", "-javaagent:agent.jar",
        "-Xrunjdwp:transport=dt_socket")) {
      assertFalse(VectorRelaunch.wanted(DIGITS, false, true, null, List.of("-Xmx2g", agent)), agent);
    }
  }

  @Test
  void childRunsTheSameCommandWithTheModule() {
    assertEquals(
        List.of(Path.of("/jdk", "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
            "-Dsolstice.relaunch=false", "-Xmx2g", "-cp", "solstice-examples.jar", "dev.solstice.examples.Main",
            "fashion", "--epochs", "1"),
        VectorRelaunch.childCommand("/jdk", List.of("-Xmx2g"), "solstice-examples.jar", "dev.solstice.examples.Main",
            new String[] {"fashion", "--epochs", "1"}));
  }

  @Test
  void aTrainingCommandStartedWithoutTheModuleRunsWithIt() throws Exception {
    assumeTrue(ModuleFinder.ofSystem().find(VectorRelaunch.MODULE).isPresent(), "this JDK has no Vector API");
    Result run = examples(List.of(), DIGITS);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("kernels: ") && run.output().contains(" with the Vector API"), run.output());
    assertTrue(run.output().contains("test accuracy: 0."), run.output());
  }

  @Test
  void turnedOffItRunsWithoutTheModuleAndSaysHowToAddIt() throws Exception {
    Result run = examples(List.of("-Dsolstice.relaunch=false"), DIGITS);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("without the Vector API (start the JVM with --add-modules jdk.incubator.vector)"),
        run.output());
  }

  @Test
  void theChildsExitCodeIsTheProcesss() throws Exception {
    Result run = examples(List.of(), "digits", "--no-such-option");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.output().contains("Unknown option: '--no-such-option'"), run.output());
  }

  private record Result(int exitCode, String output) {}

  /** Runs the examples' main class in a new JVM without the module, as {@code java -jar} does. */
  private static Result examples(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "examples did not finish");
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
