/*
 * Whether oneDNN's linear runs the narrow models' products faster than the path the model takes
 * (libtorch's linear: MKL's sgemm, the bias copied into the output first), and whether its GELU
 * post-op saves the pass of a separate GELU. Six kernels on one product [rows, in] x [in, out],
 * each a scripted call so that all cross the same boundary: linear; mm without the bias (the
 * product alone); oneDNN's linear (mkldnn::_linear_pointwise); linear then gelu; oneDNN's linear
 * with GELU fused; addmm with GELU in place (aten::_addmm_activation). Prints the largest
 * difference of the last three against linear (oneDNN's) or linear then gelu (the other two),
 * and per round the milliseconds and GFLOP/s of a call, counting the product's FLOPs only. Run it
 * the way bin/vitssl runs the model (the MKL code path library and jemalloc preloaded), one shape
 * per process:
 *   mvn -B -o -q install -DskipTests
 *   cp="$(cat cli/target/classpath.txt):components/target/classes"
 *   LD_PRELOAD="$HOME/.cache/vitssl/native/libvitssl_mkl_intel_path.so:$(/sbin/ldconfig -p | awk
 *     '$1 == "libjemalloc.so.2" { print $NF; exit }')" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:1 \
 *     java -cp "$cp" scripts/bench/GemmPath.java rows in out [calls] [rounds]
 */
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import vitssl.engine.Kernels;
import vitssl.engine.ScriptedKernel;

public final class GemmPath {
  private static final String[] NAMES = {
    "linear", "mm (no bias)", "oneDNN linear", "linear + gelu", "oneDNN linear+gelu", "addmm_activation"
  };
  private static final String[] BODIES = {
    "return torch.linear(x, w, b)",
    "return torch.mm(x, w.t())",
    "return ops.mkldnn._linear_pointwise(x, w, b, \"none\", none, \"\")",
    "return torch.gelu(torch.linear(x, w, b))",
    "return ops.mkldnn._linear_pointwise(x, w, b, \"gelu\", none, \"none\")",
    "return torch._addmm_activation(b, x, w.t(), use_gelu=True)",
  };

  public static void main(String[] args) {
    int rows = Integer.parseInt(args[0]);
    int in = Integer.parseInt(args[1]);
    int out = Integer.parseInt(args[2]);
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    ScriptedKernel[] kernels = new ScriptedKernel[NAMES.length];
    for (int i = 0; i < kernels.length; i++) {
      String methods =
          "  def forward(self, x: Tensor, w: Tensor, b: Tensor) -> Tensor:\n"
              + "    none: List[Optional[number]] = []\n"
              + "    " + BODIES[i] + "\n";
      String name = NAMES[i];
      kernels[i] =
          ScriptedKernel.load(Kernels.SCRIPTED, "GemmPath" + i, methods, name, "nothing")
              .orElseThrow(() -> new IllegalStateException(name + ": the engine has no such op"));
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList inputs =
          new NDList(
              manager.randomNormal(new Shape(rows, in)),
              manager.randomNormal(new Shape(out, in)).mul(0.05f),
              manager.randomNormal(new Shape(out)));
      NDArray linear = kernels[0].apply(inputs).singletonOrThrow();
      NDArray gelu = kernels[3].apply(inputs).singletonOrThrow();
      System.out.printf(
          "[%d, %d] x [%d, %d]: largest difference against linear (then gelu): oneDNN %.3g,"
              + " oneDNN with GELU %.3g, addmm_activation %.3g%n",
          rows, in, in, out,
          difference(kernels[2].apply(inputs), linear),
          difference(kernels[4].apply(inputs), gelu),
          difference(kernels[5].apply(inputs), gelu));
      double flop = 2.0 * rows * in * out;
      for (int round = 1; round <= rounds; round++) {
        StringBuilder line = new StringBuilder("round " + round + ":");
        for (int i = 0; i < kernels.length; i++) {
          long start = System.nanoTime();
          for (int c = 0; c < calls; c++) {
            try (NDManager call = manager.newSubManager()) {
              kernels[i].apply(inputs).attach(call);
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9 / calls;
          line.append(String.format("  %s %.2f ms %.0f GF/s", NAMES[i], seconds * 1e3, flop / seconds / 1e9));
        }
        System.out.println(line);
      }
    }
  }

  private static float difference(NDList result, NDArray reference) {
    return result.singletonOrThrow().sub(reference).abs().max().getFloat();
  }
}
