package p;

import dev.solstice.annotations.Model;
import dev.solstice.runtime.tree.TreeNode;
import java.util.List;
import java.util.Optional;

/** TreeNode children in every container, and one of type TreeNode itself. */
@Model
public record Net(Layer first, List<Layer> layers, Layer[] extra, Optional<Layer> head, TreeNode any, Linear plain) {}
