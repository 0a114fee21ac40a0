package dev.solstice.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeDef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  record Layer(Tensor weight, Tensor bias) {}

  /** A two-layer model with a static component, as a generated {@code FooTree} would see it. */
  record Net(Layer l1, Layer l2, int hidden) {
    static Net of(int hidden, float scale) {
      return new Net(
          new Layer(ramp(scale, hidden, 2), ramp(-scale, hidden)),
          new Layer(ramp(2 * scale, 1, hidden), ramp(3 * scale, 1)), hidden);
    }
  }

  static final TreeDef<Net> NET = new TreeDef<>() {
    @Override
    public List<Tensor> leaves(Net net) {
      return List.of(net.l1().weight(), net.l1().bias(), net.l2().weight(), net.l2().bias());
    }

    @Override
    public List<String> paths(Net net) {
      return List.of("l1.weight", "l1.bias", "l2.weight", "l2.bias");
    }

    @Override
    public Net rebuild(Net like, List<Tensor> leaves) {
      return new Net(new Layer(leaves.get(0), leaves.get(1)), new Layer(leaves.get(2), leaves.get(3)), like.hidden());
    }
  };

  @Test
  void modelRoundTripsByPathAndKeepsStaticComponentsOfLike() throws IOException {
    Net trained = Net.of(3, 0.5f);
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(file, NET, trained, Map.of("hidden", "3"));

    Net restored = Checkpoint.load(file, NET, Net.of(3, 0f));
    assertEquals(3, restored.hidden());
    List<Tensor> expected = NET.leaves(trained);
    List<Tensor> actual = NET.leaves(restored);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).shape(), actual.get(i).shape());
      assertArrayEquals(expected.get(i).toFloatArray(), actual.get(i).toFloatArray());
    }
    assertEquals(Map.of("hidden", "3"), Checkpoint.read(file).metadata());
  }

  @Test
  void fileIsAPlainPathKeyedSafetensorsDict() throws IOException {
    Path file = dir.resolve("plain.safetensors");
    Checkpoint.save(file, NET, Net.of(2, 1f), Map.of());
    SafeTensorsFile contents = SafeTensors.load(file);
    assertEquals(List.of("l1.bias", "l1.weight", "l2.bias", "l2.weight"), List.copyOf(contents.tensors().keySet()));
    assertTrue(contents.metadata().isEmpty(), "no group list for a model alone: " + contents.metadata());
  }

  @Test
  void mismatchListsMissingUnexpectedAndMisshapedPathsAtOnce() throws IOException {
    Path file = dir.resolve("old.safetensors");
    Checkpoint.save(file, NET, Net.of(3, 1f), Map.of());
    Map<String, Tensor> like = new LinkedHashMap<>();
    like.put("l1.weight", ramp(1, 4, 2));                 // saved as [3, 2]
    like.put("l1.bias", Tensor.ofInts(new int[3], 3));      // saved as float32
    like.put("l2.weight", ramp(1, 1, 3));                 // matches
    like.put("l3.weight", ramp(1, 2));                    // not saved
    CheckpointMismatchException e = assertThrows(
        CheckpointMismatchException.class, () -> Checkpoint.read(file).restore("", like));
    assertEquals(List.of("l3.weight"), e.missing());
    assertEquals(List.of("l2.bias"), e.unexpected());
    assertEquals(List.of("l1.weight: expected float32 [4, 2], found float32 [3, 2]",
        "l1.bias: expected int32 [3], found float32 [3]"), e.mismatched());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("1 missing from the file: l3.weight"), e.getMessage());
    assertTrue(e.getMessage().contains("1 in the file but not in the tree: l2.bias"), e.getMessage());
  }

  @Test
  void loadingADifferentlySizedModelFails() throws IOException {
    Path file = dir.resolve("h3.safetensors");
    Checkpoint.save(file, NET, Net.of(3, 1f), Map.of());
    CheckpointMismatchException e = assertThrows(
        CheckpointMismatchException.class, () -> Checkpoint.load(file, NET, Net.of(4, 0f)));
    assertEquals(List.of("l1.weight: expected float32 [4, 2], found float32 [3, 2]",
        "l1.bias: expected float32 [4], found float32 [3]",
        "l2.weight: expected float32 [1, 4], found float32 [1, 3]"), e.mismatched());
    assertTrue(e.missing().isEmpty() && e.unexpected().isEmpty());
  }

  @Test
  void groupsShareTheFileWithTheModel() throws IOException {
    Net model = Net.of(3, 1f);
    Map<String, Tensor> optState = new LinkedHashMap<>();
    optState.put("count", Tensor.ofInts(new int[] {7}));
    optState.put("0.mu.l1.weight", ramp(0.1f, 3, 2));
    Path file = dir.resolve("train.safetensors");
    Checkpoint.builder()
        .add(NET, model)
        .add("opt.", optState)
        .add("ema.", NET, Net.of(3, 2f))
        .metadata("hidden", "3")
        .metadata(Map.of("optimizer", "adam", "lr", "0.001"))
        .save(file);

    assertEquals(List.of("ema.l1.bias", "ema.l1.weight", "ema.l2.bias", "ema.l2.weight", "l1.bias", "l1.weight",
        "l2.bias", "l2.weight", "opt.0.mu.l1.weight", "opt.count"), List.copyOf(SafeTensors.load(file).tensors().keySet()));
    Checkpoint checkpoint = Checkpoint.read(file);
    assertEquals(List.of("opt.", "ema."), checkpoint.groups());
    assertEquals(Map.of("hidden", "3", "optimizer", "adam", "lr", "0.001"), checkpoint.metadata());

    Net restored = checkpoint.restore(NET, Net.of(3, 0f));
    assertArrayEquals(model.l2().weight().toFloatArray(), restored.l2().weight().toFloatArray());
    Net loaded = Checkpoint.load(file, NET, Net.of(3, 0f)); // the groups are not surplus tensors of the model
    assertArrayEquals(model.l1().weight().toFloatArray(), loaded.l1().weight().toFloatArray());

    Map<String, Tensor> state = checkpoint.restore("opt.", Map.of("count", Tensor.ofInts(new int[] {0}),
        "0.mu.l1.weight", ramp(0, 3, 2)));
    assertArrayEquals(new int[] {7}, state.get("count").toIntArray());
    assertArrayEquals(optState.get("0.mu.l1.weight").toFloatArray(), state.get("0.mu.l1.weight").toFloatArray());
    assertEquals(List.of("0.mu.l1.weight", "count"), List.copyOf(checkpoint.tensors("opt.").keySet()));

    Net ema = checkpoint.restore("ema.", NET, Net.of(3, 0f));
    assertArrayEquals(Net.of(3, 2f).l1().bias().toFloatArray(), ema.l1().bias().toFloatArray());
  }

  @Test
  void tensorsUnderAnUnrecordedPrefixAreUnexpectedForTheModel() throws IOException {
    Net model = Net.of(3, 1f);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      tensors.put(NET.paths(model).get(i), NET.leaves(model).get(i));
    }
    tensors.put("opt.count", Tensor.ofInts(new int[] {1}));
    Path file = dir.resolve("foreign.safetensors");
    SafeTensors.save(file, tensors);
    CheckpointMismatchException e = assertThrows(
        CheckpointMismatchException.class, () -> Checkpoint.load(file, NET, Net.of(3, 0f)));
    assertEquals(List.of("opt.count"), e.unexpected());
    // Without a recorded group, a prefix still selects by name.
    assertEquals(List.of("count"), List.copyOf(Checkpoint.read(file).tensors("opt.").keySet()));
  }

  @Test
  void builderRejectsAmbiguousLayouts() {
    Net model = Net.of(2, 1f);
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.builder().add("opt", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.builder().add("", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.builder().add("a,b.", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.builder().add("opt.", Map.of()).add("opt.", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.builder().add(NET, model).add(NET, model));
    IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.builder().add("opt.", Map.of()).add("opt.ema.", Map.of()));
    assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
    IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.builder().metadata(Checkpoint.GROUPS_KEY, "x."));
    assertTrue(reserved.getMessage().contains("reserved"), reserved.getMessage());
    IllegalArgumentException shadowed = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.builder().add("l1.", Map.of("x", ramp(1, 1))).add(NET, model).save(dir.resolve("x")));
    assertTrue(shadowed.getMessage().contains("'l1.weight'") && shadowed.getMessage().contains("'l1.'"),
        shadowed.getMessage());
  }

  @Test
  void treesWithDuplicatePathsAreRejected() {
    TreeDef<List<Tensor>> duplicated = new TreeDef<>() {
      @Override
      public List<Tensor> leaves(List<Tensor> tree) {
        return tree;
      }

      @Override
      public List<String> paths(List<Tensor> tree) {
        List<String> paths = new ArrayList<>();
        tree.forEach(t -> paths.add("same"));
        return paths;
      }

      @Override
      public List<Tensor> rebuild(List<Tensor> like, List<Tensor> leaves) {
        return leaves;
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.builder().add(duplicated, List.of(ramp(1, 1), ramp(2, 1))));
    assertTrue(e.getMessage().contains("'same' twice"), e.getMessage());
  }

  private static Tensor ramp(float scale, int... shape) {
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = scale * (i + 1);
    }
    return Tensor.of(values, shape);
  }
}
