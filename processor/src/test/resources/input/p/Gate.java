package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Nullability annotations in every place a component can carry one. */
@Model
public record Gate(
    @Shape("n") Tensor weight,
    @Nullable @Shape("n") Tensor bias,
    @Nullable Linear head,
    List<@Nullable Linear> layers,
    @Nullable Tensor[] scales,
    Tensor @Nullable [] masks,
    @Nullable Optional<Tensor> extra,
    @p.legacy.Nullable Tensor legacy,
    int depth) {}
