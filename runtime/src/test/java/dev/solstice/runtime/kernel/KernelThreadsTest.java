package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class KernelThreadsTest {

  @Test
  void runsEveryPartExactlyOnce() {
    AtomicIntegerArray runs = new AtomicIntegerArray(5);
    KernelThreads.run(5, runs::incrementAndGet);
    for (int i = 0; i < 5; i++) {
      assertEquals(1, runs.get(i), "part " + i);
    }
  }

  @Test
  void aFailingPartFailsTheCallAfterTheOthersFinish() {
    AtomicIntegerArray runs = new AtomicIntegerArray(3);
    IllegalStateException failure = new IllegalStateException("part 2 failed");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                KernelThreads.run(
                    3,
                    part -> {
                      runs.incrementAndGet(part);
                      if (part == 2) {
                        throw failure;
                      }
                    }));
    assertSame(failure, thrown);
    assertEquals(1, runs.get(0));
    assertEquals(1, runs.get(1));
  }
}
