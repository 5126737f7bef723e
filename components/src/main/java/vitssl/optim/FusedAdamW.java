package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.IValue;
import java.util.List;
import java.util.Optional;
import vitssl.engine.Kernels;
import vitssl.engine.ScriptedKernel;

/**
 * PyTorch's fused AdamW kernel ({@code torch._fused_adamw_}, what {@code torch.optim.AdamW(fused=
 * True)} calls) over a group of parameters in one native call. Each element is read once and
 * written once: weight, gradient and both moments in, weight and moments out, where the engine's
 * per-parameter Adam update makes about thirteen passes over the same memory through
 * temporaries. DJL's engine has no binding for the operator: it is reached through a {@link
 * ScriptedKernel}. Where the engine cannot load it, {@link #get()} is empty and callers use the
 * per-parameter update.
 */
final class FusedAdamW {
  private static final String METHODS =
      String.join(
          "\n",
          "  def forward(self: __torch__.FusedAdamW,",
          "    params: List[Tensor],",
          "    grads: List[Tensor],",
          "    exp_avgs: List[Tensor],",
          "    exp_avg_sqs: List[Tensor],",
          "    state_steps: List[Tensor],",
          "    lr: float,",
          "    beta1: float,",
          "    beta2: float,",
          "    weight_decay: float,",
          "    eps: float) -> int:",
          "    for i in range(len(params)):",
          "      p = params[i]",
          "      g = grads[i]",
          "      if not (p.is_contiguous() and g.is_contiguous() and exp_avgs[i].is_contiguous()"
              + " and exp_avg_sqs[i].is_contiguous()):",
          "        return 1",
          "      if g.dtype != p.dtype or g.device != p.device or p.dtype != params[0].dtype"
              + " or p.device != params[0].device:",
          "        return 1",
          "    torch._fused_adamw_(params, grads, exp_avgs, exp_avg_sqs, annotate(List[Tensor], []),"
              + " state_steps, lr=lr, beta1=beta1, beta2=beta2, weight_decay=weight_decay, eps=eps,"
              + " amsgrad=False, maximize=False)",
          "    return 0",
          "");

  private final ScriptedKernel kernel;

  private FusedAdamW(ScriptedKernel kernel) {
    this.kernel = kernel;
  }

  /**
   * The kernel, loaded at the first call; empty where {@code kernels} asks for DJL's own ops and
   * where the engine cannot run it.
   */
  static Optional<FusedAdamW> get(Kernels kernels) {
    return ScriptedKernel.load(
            kernels,
            "FusedAdamW",
            METHODS,
            "the fused AdamW kernel",
            "one AdamW update per parameter")
        .map(FusedAdamW::new);
  }

  /**
   * One AdamW step of every parameter of a group, in place: decoupled decay {@code p -= lr wd p},
   * the moments, and {@code p -= lr / (1 - beta1^t) m / (sqrt(v / (1 - beta2^t)) + eps)}, with
   * each parameter's own step count t. Gradients are read, not zeroed. Nothing is changed, and
   * false is returned, when the kernel cannot take the group: an array that is not contiguous (the
   * kernel walks raw memory), or data types and devices that differ.
   *
   * @param steps each parameter's t as a 0-dim float32 array on its device
   * @return whether the step was taken
   */
  boolean step(
      List<NDArray> weights,
      List<NDArray> gradients,
      List<NDArray> firstMoments,
      List<NDArray> secondMoments,
      List<NDArray> steps,
      double lr,
      double beta1,
      double beta2,
      double weightDecay,
      double eps) {
    return kernel.run(
            List.of(
                ScriptedKernel.list(weights),
                ScriptedKernel.list(gradients),
                ScriptedKernel.list(firstMoments),
                ScriptedKernel.list(secondMoments),
                ScriptedKernel.list(steps),
                IValue.from(lr),
                IValue.from(beta1),
                IValue.from(beta2),
                IValue.from(weightDecay),
                IValue.from(eps)))
        == 0;
  }
}
