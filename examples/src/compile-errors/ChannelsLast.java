import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** Images in channels-last layout passed to a channels-first layer. */
class ChannelsLast {
  static Tensor conv(@Shape("n 1 h w") Tensor images) {
    return images;
  }

  static Tensor run(@Shape("n 784") Tensor flat) {
    Tensor images = flat.reshape(-1, 28, 28, 1);
    // :: error: (shape.argument)
    return conv(images);
  }
}
