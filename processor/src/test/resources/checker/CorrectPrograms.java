import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Static;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Correct code in the styles the examples use: the checker must say nothing about any of it. */
class CorrectPrograms {
  @Model
  record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {
    static Linear init(int in, int out, Key key) {
      Key[] k = key.split(2);
      float lim = (float) (1 / Math.sqrt(in));
      return new Linear(k[0].uniform(-lim, lim, out, in), k[1].uniform(-lim, lim, out));
    }

    @Shape("out") Tensor forward(@Shape("in") Tensor x) {
      return weight.matmul(x).add(bias);
    }

    @Shape("batch out") Tensor forwardBatch(@Shape("batch in") Tensor x) {
      return x.matmul(weight.transpose()).add(bias);
    }
  }

  @Model
  record Mlp(Linear l1, Linear l2) {
    @Shape("1") Tensor forward(@Shape("1") Tensor x) {
      return l2.forward(l1.forward(x).tanh());
    }
  }

  @Model
  record Classifier(List<Linear> layers, @Static float dropout) {
    @Shape("classes") Tensor logits(@Shape("features") Tensor x) {
      Tensor h = x;
      for (int i = 0; i < layers.size() - 1; i++) {
        h = layers.get(i).forward(h).relu();
      }
      return layers.get(layers.size() - 1).forward(h);
    }
  }

  @Model
  record LayerNorm(@Shape("d") Tensor gamma, @Shape("d") Tensor beta) {
    @Shape("*batch d") Tensor forward(@Shape("*batch d") Tensor x) {
      Tensor mean = x.mean(-1, true);
      Tensor centered = x.sub(mean);
      Tensor variance = centered.square().mean(-1, true);
      return centered.mul(variance.add(1e-5f).rsqrt()).mul(gamma).add(beta);
    }
  }

  @Model
  record Attention(@Shape("d d") Tensor wq, @Shape("d d") Tensor wk, @Shape("d d") Tensor wv) {
    @Shape("t d") Tensor forward(@Shape("t d") Tensor x) {
      Tensor q = x.matmul(wq);
      Tensor k = x.matmul(wk);
      Tensor v = x.matmul(wv);
      Tensor scores = q.matmul(k.transpose()).div((float) Math.sqrt(x.dim(1)));
      Tensor mask = Tensor.tril(x.dim(0));
      Tensor weights = Tensor.where(mask, scores, Tensor.full(-1e9f, 1)).softmax(-1);
      return weights.matmul(v);
    }
  }

  static @Shape("") Tensor mse(@Shape("batch 1") Tensor prediction, @Shape("batch 1") Tensor target) {
    return target.sub(prediction).square().mean();
  }

  static @Shape("") Tensor crossEntropy(@Shape("batch classes") Tensor logits, @Shape("batch") Tensor labels) {
    return Losses.softmaxCrossEntropyWithIntegerLabels(logits, labels).mean();
  }

  static @Shape("batch classes") Tensor softmax(@Shape("batch classes") Tensor logits) {
    Tensor shifted = logits.sub(logits.max(1, true));
    Tensor e = shifted.exp();
    return e.div(e.sum(1, true));
  }

  static @Shape("batch") Tensor accuracy(@Shape("batch classes") Tensor logits, @Shape("batch") Tensor labels) {
    return logits.argmax(1).eq(labels);
  }

  static @Shape("n 784") Tensor flatten(@Shape("n 28 28") Tensor images) {
    return images.reshape(images.dim(0), -1);
  }

  static @Shape("n 1 28 28") Tensor toChannels(@Shape("n 784") Tensor flat) {
    return flat.reshape(-1, 1, 28, 28);
  }

  static @Shape("n 10") Tensor oneHot(@Shape("n") Tensor labels) {
    return labels.expandDims(1).eq(Tensor.arange(10));
  }

  static @Shape("batch 1") Tensor polynomial(@Shape("batch 1") Tensor x) {
    return x.pow(3f).sub(x.mul(2f)).add(1f);
  }

  static List<Tensor> minibatches(@Shape("n d") Tensor data, int size) {
    List<Tensor> batches = new ArrayList<>();
    for (int start = 0; start + size <= data.dim(0); start += size) {
      batches.add(data.slice(0, start, start + size));
    }
    return batches;
  }

  static float train(Mlp model, Key key, int epochs) {
    Tensor x = Tensor.linspace(-1f, 1f, 1000).reshape(1000, 1);
    Tensor y = polynomial(x);
    Tensor noise = key.normal(1000, 1).mul(0.01f);
    Function<Mlp, Tensor> loss = m -> mse(batched(m, x), y.add(noise));
    float last = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      last = loss.apply(model).item();
    }
    return last;
  }

  static @Shape("batch 1") Tensor batched(Mlp model, @Shape("batch 1") Tensor x) {
    List<Tensor> rows = new ArrayList<>();
    for (int i = 0; i < x.dim(0); i++) {
      rows.add(model.forward(x.slice(0, i, i + 1).reshape(1)));
    }
    return Tensor.stack(0, rows.toArray(new Tensor[0]));
  }

  static float evaluate(Classifier model, @Shape("n 784") Tensor images, @Shape("n") Tensor labels) {
    Tensor correct = Tensor.zeros(1);
    for (int i = 0; i < images.dim(0); i++) {
      Tensor logits = model.logits(images.slice(0, i, i + 1).reshape(784));
      correct = correct.add(logits.argmax(0).eq(labels.slice(0, i, i + 1).reshape()));
    }
    return correct.item() / images.dim(0);
  }

  static Tensor pick(boolean training, @Shape("b 10") Tensor a, @Shape("b 10") Tensor b) {
    Tensor chosen = training ? a : b;
    return softmax(chosen);
  }

  static Tensor residual(@Shape("n d") Tensor x, LayerNorm norm) {
    Tensor h = norm.forward(x);
    return x.add(h);
  }

  static Tensor gram(@Shape("n d") Tensor x) {
    return x.matmul(x.transpose()).div(x.dim(1));
  }

  static Tensor padded(@Shape("n") Tensor x) {
    return Tensor.concat(0, Tensor.zeros(1), x, Tensor.zeros(1));
  }

  static Tensor nested(@Shape("b c h w") Tensor images) {
    Tensor pooled = images.mean(new int[] {2, 3}, false);
    Tensor scale = pooled.sigmoid().expandDims(-1).expandDims(-1);
    return images.mul(scale);
  }
}
