package p;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.tree.TreeDef;
import java.util.List;

/** User code written against the generated API as the design's seed program uses it. */
final class Train {
  private Train() {}

  static @Shape("") Tensor loss(Mlp model, @Shape("batch 1") Tensor x, @Shape("batch 1") Tensor y) {
    return y.add(MlpBatched.forward(model, x));
  }

  static Mlp step(Mlp model, Tensor x, Tensor y) {
    ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, m -> loss(m, x, y));
    TreeDef<MlpGrad> gradTree = vg.grad().treeDef();
    MlpGrad updates = gradTree.rebuild(vg.grad(), gradTree.leaves(vg.grad()));
    LinearGrad first = updates.l1();
    List<String> names = MlpGrad.TREE.paths(updates);
    List<Mlp> parts = MlpTree.partition(model, (path, leaf) -> path.startsWith("l1."));
    Mlp trained = MlpTree.applyUpdates(parts.get(0), MlpGradTree.partition(updates, (path, leaf) -> names.contains(path)).get(0));
    return first == null ? model : MlpTree.combine(trained, parts.get(1));
  }
}
