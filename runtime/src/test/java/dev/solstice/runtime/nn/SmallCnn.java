package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/** A user-defined model built from the layers: conv, relu, max pool, linear, on 1x8x8 images. */
@Model
record SmallCnn(Conv2d conv, MaxPool2d pool, Linear head) {

  static SmallCnn init(int classes, Key key) {
    Key[] keys = key.split(2);
    return new SmallCnn(
        Conv2d.init(1, 4, 3, 1, 1, keys[0]), MaxPool2d.init(2, 2), Linear.init(4 * 4 * 4, classes, keys[1]));
  }

  @Vmap
  @Shape("classes") Tensor forward(@Shape("1 8 8") Tensor image) {
    return head.forward(pool.forward(conv.forward(image).relu()).reshape(-1));
  }
}
