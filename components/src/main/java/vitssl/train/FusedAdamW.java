package vitssl.train;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.LoggerFactory;

/**
 * PyTorch's fused AdamW kernel ({@code torch._fused_adamw_}, what {@code torch.optim.AdamW(fused=
 * True)} calls) over a group of parameters in one native call. Each element is read once and
 * written once: weight, gradient and both moments in, weight and moments out, where the engine's
 * per-parameter Adam update makes about thirteen passes over the same memory through
 * temporaries.
 *
 * <p>DJL's engine has no binding for the operator, so this class reaches it through a TorchScript
 * module whose only method calls it. The module is written here as its archive (the source of the
 * method, a pickled module object with no state, an empty constants table) and loaded from
 * memory once per process; nothing is read from disk or the network. Where the engine cannot load
 * it, {@link #get()} is empty and callers use the per-parameter update.
 */
final class FusedAdamW {
  private static final String CLASS = "FusedAdamW";
  private static final String SOURCE =
      String.join(
          "\n",
          "class " + CLASS + "(Module):",
          "  __parameters__ = []",
          "  __buffers__ = []",
          "  training : bool",
          "  def forward(self: __torch__." + CLASS + ",",
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

  private static Optional<FusedAdamW> loaded;

  private final PtSymbolBlock module;

  private FusedAdamW(PtSymbolBlock module) {
    this.module = module;
  }

  /** The kernel, loaded at the first call; empty where the engine cannot run it. */
  static synchronized Optional<FusedAdamW> get() {
    if (loaded == null) {
      loaded = load();
    }
    return loaded;
  }

  private static Optional<FusedAdamW> load() {
    try {
      // The module lives as long as the process; so does the manager it belongs to.
      PtNDManager manager = (PtNDManager) NDManager.newBaseManager();
      PtSymbolBlock module =
          JniUtils.loadModule(manager, new ByteArrayInputStream(archive()), false, false);
      return Optional.of(new FusedAdamW(module));
    } catch (EngineException | IOException | ClassCastException | UnsatisfiedLinkError e) {
      LoggerFactory.getLogger(FusedAdamW.class)
          .warn("the engine cannot run the fused AdamW kernel ({}): AdamW steps one parameter at a time", e.toString());
      return Optional.empty();
    }
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
    List<IValue> inputs = new ArrayList<>(10);
    try {
      inputs.add(list(weights));
      inputs.add(list(gradients));
      inputs.add(list(firstMoments));
      inputs.add(list(secondMoments));
      inputs.add(list(steps));
      inputs.add(IValue.from(lr));
      inputs.add(IValue.from(beta1));
      inputs.add(IValue.from(beta2));
      inputs.add(IValue.from(weightDecay));
      inputs.add(IValue.from(eps));
      try (IValue taken = IValueUtils.forward(module, inputs.toArray(new IValue[0]))) {
        return taken.toLong() == 0;
      }
    } finally {
      inputs.forEach(IValue::close);
    }
  }

  private static IValue list(List<NDArray> arrays) {
    return IValue.listFrom(arrays.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new));
  }

  /** The module's TorchScript archive: a zip of stored (uncompressed) records in one folder. */
  static byte[] archive() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      store(zip, "version", "6\n".getBytes(StandardCharsets.US_ASCII));
      store(zip, "code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
      store(zip, "data.pkl", pickledModule());
      store(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Pickle protocol 2 of {@code __torch__.FusedAdamW()} with state {@code {"training": True}}:
   * PROTO 2, GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BINUNICODE "training", NEWTRUE, SETITEM,
   * BUILD, STOP.
   */
  private static byte[] pickledModule() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80);
    out.write(2);
    out.writeBytes(("c__torch__\n" + CLASS + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(')');
    out.write(0x81);
    out.write('}');
    byte[] name = "training".getBytes(StandardCharsets.US_ASCII);
    out.write('X');
    out.write(name.length);
    out.write(0);
    out.write(0);
    out.write(0);
    out.writeBytes(name);
    out.write(0x88);
    out.write('s');
    out.write('b');
    out.write('.');
    return out.toByteArray();
  }

  private static void store(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry("fused_adamw/" + name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
