package dev.solstice.checker;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class ShapeLatticeTest {
  private final SpecReader specs = new SpecReader();

  private boolean covers(String general, String specific) {
    return ShapeLattice.covers(specs.read(general), specs.read(specific));
  }

  @Test
  void unknownAxesAndRunsCoverMorePreciseShapes() {
    assertThat(covers("3 _", "3 4")).isTrue();
    assertThat(covers("... 4", "2 3 4")).isTrue();
    assertThat(covers("... 4", "*b 4")).isTrue();
    assertThat(covers("#n", "1")).isTrue();
    assertThat(covers("#n", "n")).isTrue();
  }

  @Test
  void differentSizesAndNamedRunsDoNotCoverEachOther() {
    assertThat(covers("3 4", "3 _")).isFalse();
    assertThat(covers("n", "3")).isFalse();
    assertThat(covers("3", "n")).isFalse();
    assertThat(covers("*b 4", "2 4")).isFalse();
    assertThat(covers("n", "#n")).isFalse();
  }

  @Test
  void joinKeepsWhatBothShare() {
    assertThat(ShapeLattice.join(specs.read("3 1"), specs.read("5 1"))).isEqualTo(specs.read("_ 1"));
    assertThat(ShapeLattice.join(specs.read("3 4"), specs.read("3 _"))).isEqualTo(specs.read("3 _"));
    assertThat(ShapeLattice.join(specs.read("3"), specs.read("3 4"))).isNull();
  }
}
