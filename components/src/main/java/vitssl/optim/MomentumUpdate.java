package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Optional;
import vitssl.engine.Kernels;
import vitssl.engine.ScriptedKernel;

/**
 * The key (momentum) encoder's update, {@code theta_k = m theta_k + (1 - m) theta_q}, in place on
 * every aligned pair of parameters (MoCo v3, arXiv 2104.02057), and the copy that starts the key
 * encoder as the query encoder.
 *
 * <p><b>BatchNorm running statistics are not touched.</b> Parameters of type {@code RUNNING_MEAN}
 * and {@code RUNNING_VAR} are left out of both lists, as moco-v3 zips {@code parameters()}, which
 * excludes buffers: the key encoder keeps its own running statistics. moco-v3 runs the key
 * encoder in training mode (the loop must call its forward with {@code training = true}), so its
 * BatchNorm layers normalise with the batch's statistics and their running averages only follow
 * the key forward; they matter only if the key encoder is ever evaluated in inference mode. Every other parameter, frozen ones included (a frozen random
 * patch projection stays equal in both encoders after {@link #copy()}), is averaged.
 *
 * <p>On the PyTorch engine every pair is updated in one native call, {@code
 * torch._foreach_lerp_(keys, queries, 1 - m)} through a {@link ScriptedKernel}, with grad mode off
 * so no graph is recorded even inside a gradient collector. Where that cannot load, each pair
 * costs one native call: DJL's fused SGD update, {@code w -= lr (g + wd w)}, with {@code g =
 * theta_q}, {@code lr = m - 1} and {@code wd = -1}, which equals {@code w + (1 - m) (theta_q -
 * w)}, under the engine's no-grad guard (the kernel also zeroes the key parameter's gradient,
 * which should not exist). m = 1 skips the work; m = 0 copies exactly.
 */
public final class MomentumUpdate {
  private final List<Parameter> query;
  private final List<Parameter> key;
  private final Optional<ScriptedKernel> lerp;

  /**
   * {@code torch._foreach_lerp_(keys, queries, 1 - m)}: {@code k + (1 - m)(q - k)} over every
   * pair in one call, reading each element of both once.
   */
  private static final String LERP =
      String.join(
          "\n",
          "  def forward(self: __torch__.MomentumLerp,",
          "    keys: List[Tensor],",
          "    queries: List[Tensor],",
          "    weight: float) -> int:",
          "    torch._foreach_lerp_(keys, queries, weight)",
          "    return 0",
          "");


  /**
   * @param query the query encoder's backbone and projector parameters, initialised
   * @param key the key encoder's, in the same order with the same shapes
   */
  public MomentumUpdate(List<Parameter> query, List<Parameter> key) {
    this(query, key, Kernels.SCRIPTED);
  }

  /** @param kernels whether to update every pair in one engine call where the engine can */
  MomentumUpdate(List<Parameter> query, List<Parameter> key, Kernels kernels) {
    this.query = averaged(query);
    this.key = averaged(key);
    checkAligned(this.query, this.key);
    this.lerp =
        ScriptedKernel.load(
            kernels,
            "MomentumLerp",
            LERP,
            "the one-call momentum update",
            "one SGD update per pair");
  }

  /** Whether updates go through one engine call for all pairs. */
  boolean oneCall() {
    return lerp.isPresent();
  }

  /** theta_k = m theta_k + (1 - m) theta_q for every pair, m in [0, 1]. */
  public void update(double momentum) {
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(
          "MomentumUpdate: momentum = " + momentum + ": use a value in [0, 1]");
    }
    if (momentum == 1) {
      return;
    }
    if (momentum == 0) {
      copy();
      return;
    }
    if (lerp.isPresent()) {
      // Grad mode is thread-local; off here, so no graph is recorded inside a gradient collector.
      boolean recording = JniUtils.isGradMode();
      JniUtils.setGradMode(false);
      try {
        lerp.get()
            .run(
                List.of(
                    ScriptedKernel.list(keyArrays()),
                    ScriptedKernel.list(queryArrays()),
                    IValue.from(1 - momentum)));
      } finally {
        JniUtils.setGradMode(recording);
      }
      return;
    }
    float lr = (float) (momentum - 1);
    for (int i = 0; i < key.size(); i++) {
      NDArray k = key.get(i).getArray();
      NDArray q = query.get(i).getArray();
      sgdUpdate(k, q, lr, -1f, 1f);
    }
  }

  private List<NDArray> keyArrays() {
    return key.stream().map(Parameter::getArray).toList();
  }

  private List<NDArray> queryArrays() {
    return query.stream().map(Parameter::getArray).toList();
  }

  /** theta_k = theta_q exactly: how moco-v3 starts the key encoder. */
  public void copy() {
    for (int i = 0; i < key.size(); i++) {
      NDArray k = key.get(i).getArray();
      NDArray q = query.get(i).getArray();
      sgdUpdate(k, k, 1f, 0f, 1f); // k - k = 0, exactly
      sgdUpdate(k, q, 1f, 0f, -1f); // 0 - (-q) = q, exactly
    }
  }

  /** w -= lr (rescale g + wd w), in place, natively, without recording a graph. */
  private static void sgdUpdate(NDArray w, NDArray g, float lr, float wd, float rescale) {
    w.getNDArrayInternal()
        .sgdUpdate(new NDList(w, g, w), new NDList(w), lr, wd, rescale, -1f, 0f, false);
  }

  private static List<Parameter> averaged(List<Parameter> parameters) {
    return parameters.stream()
        .filter(
            p ->
                p.getType() != Parameter.Type.RUNNING_MEAN
                    && p.getType() != Parameter.Type.RUNNING_VAR)
        .toList();
  }

  private static void checkAligned(List<Parameter> query, List<Parameter> key) {
    if (query.size() != key.size()) {
      throw new IllegalArgumentException(
          "MomentumUpdate: the query encoder has "
              + query.size()
              + " parameters besides BatchNorm running statistics, the key encoder "
              + key.size()
              + ": pass the same parts (backbone and projector, no predictor) of both encoders");
    }
    for (int i = 0; i < query.size(); i++) {
      Parameter q = query.get(i);
      Parameter k = key.get(i);
      if (!q.isInitialized() || !k.isInitialized()) {
        throw new IllegalArgumentException(
            "MomentumUpdate: parameter "
                + i
                + " ("
                + q.getName()
                + " / "
                + k.getName()
                + ") is not initialised: initialise both encoders before the momentum update");
      }
      if (!q.getArray().getShape().equals(k.getArray().getShape())) {
        throw new IllegalArgumentException(
            "MomentumUpdate: parameter "
                + i
                + " is "
                + q.getName()
                + " "
                + q.getArray().getShape()
                + " in the query encoder but "
                + k.getName()
                + " "
                + k.getArray().getShape()
                + " in the key encoder: build both encoders from the same spec");
      }
    }
  }
}
