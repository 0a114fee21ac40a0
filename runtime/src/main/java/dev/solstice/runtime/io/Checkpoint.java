package dev.solstice.runtime.io;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeDef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A safetensors file holding trees of tensors keyed by their {@link TreeDef#paths paths}, as
 * Equinox's {@code tree_serialise_leaves} does, so a model saved here opens in Python as a plain
 * {@code {"l1.weight": ..., "l1.bias": ...}} dict.
 *
 * <p>One file can hold several named groups next to the model: the model's leaves under their own
 * paths, and each group under a prefix ending in a dot, e.g. optimizer state under {@code
 * "opt."} ({@code opt.0.mu.l1.weight}, {@code opt.count}). The prefixes are recorded in the
 * metadata entry {@value #GROUPS_KEY}, so loading the model alone ignores the groups, while any
 * other surplus tensor is reported. Static hyper-parameters go into the string metadata.
 *
 * <pre>{@code
 * Checkpoint.builder()
 *     .add(MlpTree.INSTANCE, model)
 *     .add("opt.", optimizerState)             // a Map<String, Tensor> or a TreeDef and a tree
 *     .metadata("hidden", "32")
 *     .save(file);
 * Checkpoint checkpoint = Checkpoint.read(file);
 * Mlp restored = checkpoint.restore(MlpTree.INSTANCE, freshModel);
 * Map<String, Tensor> state = checkpoint.restore("opt.", freshState);
 * int hidden = Integer.parseInt(checkpoint.metadata().get("hidden"));
 * }</pre>
 *
 * Restoring checks the file against the tree it is restored into and reports every missing,
 * unexpected, and differently shaped path at once ({@link CheckpointMismatchException}).
 */
public final class Checkpoint {
  /** Metadata key listing the group prefixes of the file, comma-separated. Reserved. */
  public static final String GROUPS_KEY = "solstice.groups";

  private final String source;
  private final Map<String, Tensor> tensors;
  private final Map<String, String> metadata;
  private final List<String> groups;

  private Checkpoint(String source, Map<String, Tensor> tensors, Map<String, String> metadata, List<String> groups) {
    this.source = source;
    this.tensors = tensors;
    this.metadata = metadata;
    this.groups = groups;
  }

  /** Saves {@code tree} under its paths with {@code metadata}: {@code builder().add(def, tree).metadata(metadata).save(file)}. */
  public static <T> void save(Path file, TreeDef<T> def, T tree, Map<String, String> metadata) throws IOException {
    builder().add(def, tree).metadata(metadata).save(file);
  }

  /**
   * Loads the tree saved in {@code file} into the structure of {@code like}: {@code
   * read(file).restore(def, like)}.
   *
   * @throws CheckpointMismatchException if paths are missing, unexpected or differently shaped
   * @throws SafeTensorsFormatException if the file is not a valid safetensors file
   */
  public static <T> T load(Path file, TreeDef<T> def, T like) throws IOException {
    return read(file).restore(def, like);
  }

  /** A builder for a file with a model and further groups. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads the tensors and metadata of {@code file}; restore trees from the result. */
  public static Checkpoint read(Path file) throws IOException {
    SafeTensorsFile contents = SafeTensors.load(file);
    Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
    String groupList = metadata.remove(GROUPS_KEY);
    List<String> groups = new ArrayList<>();
    if (groupList != null) {
      for (String prefix : groupList.split(",")) {
        if (!prefix.isEmpty()) {
          groups.add(prefix);
        }
      }
    }
    return new Checkpoint(file.toString(), contents.tensors(), Collections.unmodifiableMap(metadata), List.copyOf(groups));
  }

  /** The file's string metadata (without {@value #GROUPS_KEY}). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The group prefixes recorded in the file, e.g. {@code ["opt."]}. */
  public List<String> groups() {
    return groups;
  }

  /**
   * The tensors of one group, by path without the prefix. The prefix {@code ""} selects the model:
   * every tensor outside the recorded groups.
   */
  public Map<String, Tensor> tensors(String prefix) {
    Map<String, Tensor> selected = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      String name = entry.getKey();
      if (prefix.isEmpty() ? !inRecordedGroup(name) : name.startsWith(prefix)) {
        selected.put(name.substring(prefix.length()), entry.getValue());
      }
    }
    return Collections.unmodifiableMap(selected);
  }

  /** The model saved under its own paths, rebuilt like {@code like}. */
  public <T> T restore(TreeDef<T> def, T like) throws CheckpointMismatchException {
    return restore("", def, like);
  }

  /** The tree saved under {@code prefix} ({@code ""} for the model), rebuilt like {@code like}. */
  public <T> T restore(String prefix, TreeDef<T> def, T like) throws CheckpointMismatchException {
    return def.rebuild(like, match(prefix, def.paths(like), def.leaves(like)));
  }

  /** The named tensors saved under {@code prefix}, checked against the names and shapes of {@code like}. */
  public Map<String, Tensor> restore(String prefix, Map<String, Tensor> like) throws CheckpointMismatchException {
    List<String> names = new ArrayList<>(like.keySet());
    List<Tensor> found = match(prefix, names, new ArrayList<>(like.values()));
    Map<String, Tensor> restored = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      restored.put(names.get(i), found.get(i));
    }
    return Collections.unmodifiableMap(restored);
  }

  /** The file's tensors for {@code paths}, in order, after checking that they are exactly those paths with those shapes. */
  private List<Tensor> match(String prefix, List<String> paths, List<Tensor> leaves) throws CheckpointMismatchException {
    checkParallel(paths, leaves);
    Map<String, Tensor> available = tensors(prefix);
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    List<Tensor> found = new ArrayList<>(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      Tensor expected = leaves.get(i);
      Tensor actual = available.get(paths.get(i));
      if (actual == null) {
        missing.add(prefix + paths.get(i));
      } else if (actual.dtype() != expected.dtype() || !Arrays.equals(actual.shape(), expected.shape())) {
        mismatched.add(prefix + paths.get(i) + ": expected " + describe(expected) + ", found " + describe(actual));
      }
      found.add(actual);
    }
    Set<String> wanted = new HashSet<>(paths);
    List<String> unexpected = new ArrayList<>();
    for (String name : available.keySet()) {
      if (!wanted.contains(name)) {
        unexpected.add(prefix + name);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
      String where = source + (prefix.isEmpty() ? " (model)" : " (group '" + prefix + "')");
      throw new CheckpointMismatchException(where, missing, unexpected, mismatched);
    }
    return found;
  }

  private boolean inRecordedGroup(String name) {
    for (String prefix : groups) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Tensor tensor) {
    return tensor.dtype().name().toLowerCase(Locale.ROOT) + " " + Arrays.toString(tensor.shape());
  }

  private static void checkParallel(List<String> paths, List<Tensor> leaves) {
    if (paths.size() != leaves.size()) {
      throw new IllegalArgumentException("the tree has " + paths.size() + " paths but " + leaves.size() + " leaves");
    }
    Set<String> seen = new HashSet<>();
    for (String path : paths) {
      if (!seen.add(path)) {
        throw new IllegalArgumentException("the tree has the path '" + path + "' twice; paths must be unique");
      }
    }
  }

  /** Collects a model, groups and metadata, then writes them as one safetensors file. */
  public static final class Builder {
    private final Map<String, Map<String, Tensor>> groups = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** Adds the model: the leaves of {@code tree} under their own paths. */
    public <T> Builder add(TreeDef<T> def, T tree) {
      return put("", named(def, tree));
    }

    /** Adds the leaves of {@code tree} under {@code prefix} (non-empty, ending in a dot, e.g. {@code "opt."}). */
    public <T> Builder add(String prefix, TreeDef<T> def, T tree) {
      return put(checkPrefix(prefix), named(def, tree));
    }

    /** Adds named tensors under {@code prefix} (non-empty, ending in a dot, e.g. {@code "opt."}). */
    public Builder add(String prefix, Map<String, Tensor> tensors) {
      return put(checkPrefix(prefix), new LinkedHashMap<>(tensors));
    }

    /** Records a string in the file's metadata: static hyper-parameters, provenance, versions. */
    public Builder metadata(String key, String value) {
      if (key.equals(GROUPS_KEY)) {
        throw new IllegalArgumentException("metadata key " + GROUPS_KEY + " is reserved for the group list");
      }
      metadata.put(key, Objects.requireNonNull(value, () -> "metadata value of '" + key + "' is null"));
      return this;
    }

    /** Records every entry of {@code entries} as {@link #metadata(String, String)} does. */
    public Builder metadata(Map<String, String> entries) {
      entries.forEach(this::metadata);
      return this;
    }

    /** Writes everything added to {@code file}, replacing it atomically. */
    public void save(Path file) throws IOException {
      Map<String, Tensor> flat = new LinkedHashMap<>();
      List<String> prefixes = new ArrayList<>();
      for (Map.Entry<String, Map<String, Tensor>> group : groups.entrySet()) {
        String prefix = group.getKey();
        if (!prefix.isEmpty()) {
          prefixes.add(prefix);
        }
        for (Map.Entry<String, Tensor> leaf : group.getValue().entrySet()) {
          flat.put(prefix + leaf.getKey(), leaf.getValue());
        }
      }
      for (String path : groups.getOrDefault("", Map.of()).keySet()) {
        for (String prefix : prefixes) {
          if (path.startsWith(prefix)) {
            throw new IllegalArgumentException("model path '" + path + "' lies under the group prefix '" + prefix
                + "' and would be read back as part of that group; choose another prefix");
          }
        }
      }
      Map<String, String> allMetadata = new LinkedHashMap<>(metadata);
      if (!prefixes.isEmpty()) {
        allMetadata.put(GROUPS_KEY, String.join(",", prefixes));
      }
      SafeTensors.save(file, flat, allMetadata);
    }

    private Builder put(String prefix, Map<String, Tensor> tensors) {
      for (String other : groups.keySet()) {
        if (other.equals(prefix)) {
          throw new IllegalArgumentException(
              prefix.isEmpty() ? "the model was already added" : "group '" + prefix + "' was already added");
        }
        if (!prefix.isEmpty() && !other.isEmpty() && (other.startsWith(prefix) || prefix.startsWith(other))) {
          throw new IllegalArgumentException("group prefixes '" + other + "' and '" + prefix + "' overlap");
        }
      }
      groups.put(prefix, tensors);
      return this;
    }

    private static String checkPrefix(String prefix) {
      if (prefix.isEmpty() || !prefix.endsWith(".") || prefix.contains(",")) {
        throw new IllegalArgumentException("group prefix '" + prefix
            + "' must be non-empty, end with '.' and contain no ','; add the model with add(def, tree)");
      }
      return prefix;
    }

    private static <T> Map<String, Tensor> named(TreeDef<T> def, T tree) {
      List<String> paths = def.paths(tree);
      List<Tensor> leaves = def.leaves(tree);
      checkParallel(paths, leaves);
      Map<String, Tensor> named = new LinkedHashMap<>();
      for (int i = 0; i < paths.size(); i++) {
        named.put(paths.get(i), leaves.get(i));
      }
      return named;
    }
  }
}
