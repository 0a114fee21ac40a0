package dev.solstice.checker;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class BroadcastingTest {
  private final SpecReader specs = new SpecReader();

  private Broadcasting.Result broadcast(String a, String b) {
    return Broadcasting.of(specs.read(a), specs.read(b));
  }

  @Test
  void linesUpFromTheRightAndTakesTheSizeThatIsNotOne() {
    assertThat(broadcast("batch 10", "10").shape()).isEqualTo(specs.read("batch 10"));
    assertThat(broadcast("batch 1", "1 10").shape()).isEqualTo(specs.read("batch 10"));
    assertThat(broadcast("", "3 4").shape()).isEqualTo(specs.read("3 4"));
  }

  @Test
  void differentSizesConflict() {
    assertThat(broadcast("3 4", "3").conflict()).isEqualTo("axis -1: 4 and 3");
    assertThat(broadcast("batch classes", "batch").conflict()).isEqualTo("axis -1: classes and batch");
  }

  @Test
  void aFixedSizeWinsOverAnUnknownOneWhichMayBeOne() {
    Broadcasting.Result result = broadcast("_ 4", "n 4");
    assertThat(result.conflict()).isNull();
    assertThat(result.shape()).isEqualTo(specs.read("_ 4"));
    assertThat(broadcast("_", "7").shape()).isEqualTo(specs.read("7"));
    assertThat(broadcast("n", "3").unproven()).isEqualTo("axis -1: n and 3");
  }

  @Test
  void runsOfAxesKeepWhatIsKnownOnTheRight() {
    assertThat(broadcast("*b 3", "4 5 3").shape()).isEqualTo(specs.read("... 3"));
    assertThat(broadcast("*b 3", "3").shape()).isEqualTo(specs.read("*b 3"));
    assertThat(broadcast("*b d", "*b d").shape()).isEqualTo(specs.read("*b d"));
    assertThat(broadcast("2 *b 3", "3").shape()).isEqualTo(specs.read("2 *b 3"));
  }
}
