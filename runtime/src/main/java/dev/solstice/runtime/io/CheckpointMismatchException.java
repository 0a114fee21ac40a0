package dev.solstice.runtime.io;

import java.io.IOException;
import java.util.List;

/**
 * A checkpoint does not fit the tree it is restored into: paths the tree needs that the file lacks,
 * paths the file holds that the tree does not have, and paths whose shape or dtype differ. The
 * message lists all three, so one failed load shows the whole difference.
 */
public final class CheckpointMismatchException extends IOException {
  private static final long serialVersionUID = 1L;
  private static final int LISTED = 20;

  private final List<String> missing;
  private final List<String> unexpected;
  private final List<String> mismatched;

  /**
   * @param where the file and group, for the message
   * @param missing paths of the tree absent from the file
   * @param unexpected paths in the file's group that the tree does not have
   * @param mismatched one line per path whose shape or dtype differ: {@code "l1.weight: expected
   *     float32 [32, 1], found float32 [1, 32]"}
   */
  public CheckpointMismatchException(
      String where, List<String> missing, List<String> unexpected, List<String> mismatched) {
    super(where + " does not match the tree it is loaded into:" + section("missing from the file", missing)
        + section("in the file but not in the tree", unexpected) + section("different shape or dtype", mismatched));
    this.missing = List.copyOf(missing);
    this.unexpected = List.copyOf(unexpected);
    this.mismatched = List.copyOf(mismatched);
  }

  /** Paths of the tree that the file lacks. */
  public List<String> missing() {
    return missing;
  }

  /** Paths in the file (within the group) that the tree does not have. */
  public List<String> unexpected() {
    return unexpected;
  }

  /** One description per path whose shape or dtype differ between tree and file. */
  public List<String> mismatched() {
    return mismatched;
  }

  private static String section(String title, List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    String shown = String.join(", ", items.subList(0, Math.min(LISTED, items.size())));
    String more = items.size() > LISTED ? ", ... (" + (items.size() - LISTED) + " more)" : "";
    return "\n  " + items.size() + " " + title + ": " + shown + more;
  }
}
