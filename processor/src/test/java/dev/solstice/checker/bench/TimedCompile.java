package dev.solstice.checker.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles once with the arguments given, in this JVM, then prints the CPU time the whole JVM
 * used (compiler, JIT and GC threads included) as {@code cpu-ms N}: the cost of one forked
 * {@code javac}, as Maven runs it with {@code <fork>true</fork>}, measured independently of how
 * busy the machine is.
 */
public final class TimedCompile {
  private TimedCompile() {}

  public static void main(String[] args) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, System.err, args);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.println("status " + status);
    System.out.println("cpu-ms " + os.getProcessCpuTime() / 1_000_000);
  }
}
