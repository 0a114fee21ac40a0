package dev.solstice.examples;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Restarts a training command in a JVM that has the Vector API. Solstice's elementwise math, large
 * products and in-place Adam run on {@code jdk.incubator.vector}, which a JVM only has when started
 * with {@code --add-modules jdk.incubator.vector}, and a jar's manifest cannot add a module. So
 * when {@code java -jar solstice-examples.jar fashion} starts without it (Fashion-MNIST epochs
 * take 1.0 s instead of 0.7 s), the examples run the same command line again with the module
 * added, as a child process that shares this one's standard streams and whose exit code becomes
 * this one's.
 *
 * <p>It happens only for the training commands, only when the JDK has the module, and never twice:
 * the child gets {@code -Dsolstice.relaunch=false}, which also turns it off by hand.
 */
final class VectorRelaunch {
  /** The system property that turns restarting off when {@code false}. */
  static final String PROPERTY = "solstice.relaunch";

  static final String MODULE = "jdk.incubator.vector";

  /** The commands whose speed depends on the Vector API. */
  static final Set<String> COMMANDS = Set.of("digits", "fashion", "charlm");

  private VectorRelaunch() {}

  /**
   * Whether to restart for these arguments, given whether the module is in this JVM's boot layer,
   * whether the JDK has it at all, and the value of {@value #PROPERTY} (null when unset).
   */
  static boolean wanted(String[] args, boolean inBootLayer, boolean inJdk, String property) {
    return args.length > 0
        && COMMANDS.contains(args[0])
        && !inBootLayer
        && inJdk
        && !"false".equalsIgnoreCase(property);
  }

  /** {@link #wanted} for this JVM. */
  static boolean wanted(String[] args) {
    return wanted(
        args,
        ModuleLayer.boot().findModule(MODULE).isPresent(),
        ModuleFinder.ofSystem().find(MODULE).isPresent(),
        System.getProperty(PROPERTY));
  }

  /**
   * The command line of the child: this process's own ({@code executable} and its {@code
   * arguments}, JVM options and all) with the module and the property added right after the
   * executable.
   */
  static List<String> childCommand(String executable, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.add("--add-modules=" + MODULE);
    command.add("-D" + PROPERTY + "=false");
    command.addAll(arguments);
    return command;
  }

  /**
   * Runs this process's command line again with the module and returns the child's exit code, or
   * empty when this process's command line cannot be read (the caller then goes on without the
   * module).
   */
  static Optional<Integer> run() throws IOException, InterruptedException {
    ProcessHandle.Info self = ProcessHandle.current().info();
    if (self.command().isEmpty() || self.arguments().isEmpty()) {
      return Optional.empty();
    }
    Process child =
        new ProcessBuilder(childCommand(self.command().get(), List.of(self.arguments().get())))
            .inheritIO()
            .start();
    // Stopping this process (kill, not Ctrl-C, which reaches both) must not leave the child running.
    Thread stopChild = new Thread(child::destroy, "stop-relaunched-child");
    Runtime.getRuntime().addShutdownHook(stopChild);
    int exitCode = child.waitFor();
    Runtime.getRuntime().removeShutdownHook(stopChild);
    return Optional.of(exitCode);
  }
}
