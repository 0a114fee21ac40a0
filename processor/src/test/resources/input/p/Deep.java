package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Optional;

@Model
public record Deep(List<Linear> layers, int depth, Optional<@Shape("out") Tensor> bias) {}
