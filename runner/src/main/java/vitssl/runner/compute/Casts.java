package vitssl.runner.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.EnumMap;
import java.util.Map;
import vitssl.dsl.compute.Precision;
import vitssl.engine.Kernels;
import vitssl.engine.ScriptedKernel;

/**
 * Casts between fp32 and a compute type that autograd records, so gradients flow back through
 * them in fp32 ({@code Tensor.to(dtype)}). They run as scripted kernels because DJL 0.36 has no
 * bfloat16 of its own: {@code toType(BFLOAT16)} aborts the process, and it reports bfloat16
 * arrays as {@code UNKNOWN}, though the engine computes with them as PyTorch does.
 */
final class Casts {
  /** PyTorch's {@code ScalarType} codes, as TorchScript's serialised code spells dtypes. */
  private static final Map<Precision, Integer> SCALAR_TYPES =
      new EnumMap<>(Map.of(Precision.FP32, 6, Precision.FP16, 5, Precision.BF16, 15));

  private Casts() {}

  /** {@code x} in {@code precision}'s type, differentiable; in {@code x}'s manager. */
  static NDArray to(Precision precision, NDArray x) {
    return kernel(precision).apply(new NDList(x)).singletonOrThrow();
  }

  /** {@code x} back in fp32, differentiable. */
  static NDArray toFp32(NDArray x) {
    return to(Precision.FP32, x);
  }

  private static ScriptedKernel kernel(Precision precision) {
    String name = "CastTo" + precision.name();
    String body =
        String.join(
            "\n",
            "  def forward(self: __torch__." + name + ", x: Tensor) -> Tensor:",
            "    return x.to(" + SCALAR_TYPES.get(precision) + ")",
            "");
    return ScriptedKernel.load(Kernels.SCRIPTED, name, body, "casts to " + precision, "nothing")
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the engine cannot cast to " + precision + ": use Precision.FP32 in the spec's"
                        + " compute"));
  }
}
