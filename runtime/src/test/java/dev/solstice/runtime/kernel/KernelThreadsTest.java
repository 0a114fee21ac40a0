package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
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
  void bandsCoverTheRangeOnceInWholeUnits() {
    for (int[] c : new int[][] {{100, 8, 2}, {7, 8, 2}, {64, 16, 2}, {1000, 16, 3}, {5, 1, 8}}) {
      int extent = c[0];
      int unit = c[1];
      int parts = c[2];
      AtomicIntegerArray covered = new AtomicIntegerArray(extent);
      AtomicInteger bands = new AtomicInteger();
      KernelThreads.runBands(extent, unit, parts, (first, count) -> {
        bands.incrementAndGet();
        assertEquals(0, first % unit, "band start " + first);
        for (int i = first; i < first + count; i++) {
          covered.incrementAndGet(i);
        }
      });
      assertTrue(bands.get() <= parts, bands.get() + " bands for " + parts + " parts");
      for (int i = 0; i < extent; i++) {
        assertEquals(1, covered.get(i), "element " + i + " of " + extent);
      }
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
