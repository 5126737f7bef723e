/*
 * Whether TorchScript fuses an element-wise chain on this engine's CPU build: the bias add and
 * the exact GELU written out as seven element-wise ops, run as a scripted module and as the same
 * ops in eager mode, beside the engine's own add and gelu (two passes). A fused script would run
 * near the two-pass time; an unfused one near the seven-op eager time. Prints milliseconds a
 * call, per round, and the largest difference between the script's output and eager's.
 *   mvn -B -o -q install -DskipTests
 *   cp="$(cat cli/target/classpath.txt):components/target/classes"
 *   java -cp "$cp" scripts/bench/ScriptFusion.java [rows] [width] [calls] [rounds]
 */
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.function.Function;
import vitssl.engine.Kernels;
import vitssl.engine.ScriptedKernel;

public final class ScriptFusion {
  private static final String FORWARD =
      "  def forward(self, x: Tensor, b: Tensor) -> Tensor:\n"
          + "    y = x + b\n"
          + "    return y * 0.5 * (1.0 + torch.erf(y * 0.7071067811865476))\n";

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 4352;
    int width = args.length > 1 ? Integer.parseInt(args[1]) : 768;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    ScriptedKernel script =
        ScriptedKernel.load(Kernels.SCRIPTED, "GeluChain", FORWARD, "the scripted chain", "nothing")
            .orElseThrow();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomNormal(new Shape(rows, width));
      NDArray b = manager.randomNormal(new Shape(width));
      Function<NDManager, NDArray> eager =
          s -> {
            NDArray y = x.add(b);
            y.attach(s);
            return y.mul(0.5f).mul(y.mul(0.7071067811865476f).erf().add(1f));
          };
      Function<NDManager, NDArray> scripted = s -> script.apply(new NDList(x, b)).singletonOrThrow();
      Function<NDManager, NDArray> engine =
          s -> {
            NDArray y = x.add(b);
            y.attach(s);
            return Activation.gelu(y);
          };
      try (NDManager s = manager.newSubManager()) {
        NDArray e = eager.apply(s);
        NDArray t = scripted.apply(s);
        e.attach(s);
        t.attach(s);
        System.out.printf(
            "[%d, %d]: largest |script - eager| %.3g%n",
            rows, width, e.sub(t).abs().max().getFloat());
      }
      for (int round = 1; round <= rounds; round++) {
        System.out.printf(
            "round %d: eager seven ops %.2f ms, scripted seven ops %.2f ms, engine add + gelu %.2f ms%n",
            round, ms(manager, eager, calls), ms(manager, scripted, calls), ms(manager, engine, calls));
      }
    }
  }

  private static double ms(NDManager manager, Function<NDManager, NDArray> op, int calls) {
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      try (NDManager step = manager.newSubManager()) {
        op.apply(step).attach(step);
      }
    }
    return (System.nanoTime() - start) / 1e6 / calls;
  }
}
