package dev.solstice.examples;

import dev.solstice.runtime.kernel.Backend;
import dev.solstice.runtime.kernel.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Restarts a training command in a JVM that has the Vector API. Solstice's elementwise math, large
 * products and in-place Adam run on {@code jdk.incubator.vector}, which a JVM only has when started
 * with {@code --add-modules jdk.incubator.vector}, and a jar's manifest cannot add a module. So
 * when {@code java -jar solstice-examples.jar fashion} starts without it (Fashion-MNIST epochs
 * take 1.0 s instead of 0.7 s), the examples run the same command again with the module added
 * (same Java, JVM options, class path and arguments), as a child process that shares this one's
 * standard streams and whose exit code becomes this one's.
 *
 * <p>It happens only for the training commands, only when the JDK has the module and the JVM runs
 * no agent, and never twice: the child gets {@code -Dsolstice.relaunch=false}, which also turns it
 * off by hand.
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
   * whether the JDK has it at all, the value of {@value #PROPERTY} (null when unset) and the JVM's
   * options. A JVM with an agent (a debugger, a profiler) is not restarted: the agent would start
   * twice, and the parent's would hold the debug port or write over the child's profile. Nor is
   * one told to run the plain Java kernels ({@code -Dsolstice.kernel=java}), which need no module.
   */
  static boolean wanted(
      String[] args, boolean inBootLayer, boolean inJdk, String property, List<String> jvmOptions) {
    return isTrainingCommand(args)
        && !inBootLayer
        && inJdk
        && !"false".equalsIgnoreCase(property)
        && jvmOptions.stream().noneMatch(VectorRelaunch::isAgent)
        && !jvmOptions.contains("-D" + Kernels.PROPERTY + "=" + Backend.JAVA.propertyValue());
  }

  private static boolean isTrainingCommand(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  private static boolean isAgent(String jvmOption) {
    return jvmOption.startsWith("-agentlib:")
        || jvmOption.startsWith("-agentpath:")
        || jvmOption.startsWith("-javaagent:")
        || jvmOption.startsWith("-Xrunjdwp");
  }

  /**
   * {@link #wanted} for this JVM; only a training command looks further, so the other commands
   * start without loading the management classes.
   */
  static boolean wanted(String[] args) {
    return isTrainingCommand(args) && wanted(
        args,
        ModuleLayer.boot().findModule(MODULE).isPresent(),
        ModuleFinder.ofSystem().find(MODULE).isPresent(),
        System.getProperty(PROPERTY),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /**
   * The command line of the child: the same Java executable, JVM options, class path, main class
   * and arguments, with the module and the property added before them.
   */
  static List<String> childCommand(
      String javaHome, List<String> jvmOptions, String classPath, String mainClass, String[] args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    command.add("--add-modules=" + MODULE);
    command.add("-D" + PROPERTY + "=false");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code args} again in a JVM with the module and returns the child's exit code. */
  static int run(String[] args) throws IOException, InterruptedException {
    List<String> command = childCommand(
        System.getProperty("java.home"),
        ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getProperty("java.class.path"),
        Main.class.getName(),
        args);
    Process child = new ProcessBuilder(command).inheritIO().start();
    // Stopping this process (kill, not Ctrl-C, which reaches both) must not leave the child running.
    Thread stopChild = new Thread(child::destroy, "stop-relaunched-child");
    Runtime.getRuntime().addShutdownHook(stopChild);
    int exitCode = child.waitFor();
    Runtime.getRuntime().removeShutdownHook(stopChild);
    return exitCode;
  }
}
