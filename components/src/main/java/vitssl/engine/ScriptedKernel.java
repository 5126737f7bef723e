package vitssl.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.LoggerFactory;

/**
 * A PyTorch operator that DJL's engine has no binding for, reached through a TorchScript module
 * whose {@code forward} calls it. The module is written here as its archive (the method's source,
 * a pickled module object with no state, an empty constants table) and loaded from memory once;
 * nothing is read from disk or the network. The module lives as long as the process.
 */
public final class ScriptedKernel {
  /** Modules by class name: each is loaded once per process. */
  private static final Map<String, Optional<ScriptedKernel>> LOADED = new HashMap<>();

  private final PtSymbolBlock module;

  private ScriptedKernel(PtSymbolBlock module) {
    this.module = module;
  }

  /**
   * The module of class {@code name} whose body (its {@code forward}, indented by two spaces) is
   * {@code methods}, loaded at the first call for that name; empty where {@code kernels} asks for
   * DJL's own ops, and where the engine cannot load it, with a warning naming {@code what} is
   * lost and the {@code fallback} its caller uses.
   */
  public static synchronized Optional<ScriptedKernel> load(
      Kernels kernels, String name, String methods, String what, String fallback) {
    if (kernels == Kernels.DJL_OPS) {
      return Optional.empty();
    }
    return LOADED.computeIfAbsent(name, n -> compile(n, methods, what, fallback));
  }

  private static Optional<ScriptedKernel> compile(
      String name, String methods, String what, String fallback) {
    try {
      PtNDManager manager = (PtNDManager) NDManager.newBaseManager();
      PtSymbolBlock module =
          JniUtils.loadModule(
              manager, new ByteArrayInputStream(archive(name, methods)), false, false);
      return Optional.of(new ScriptedKernel(module));
    } catch (EngineException | IOException | ClassCastException | UnsatisfiedLinkError e) {
      LoggerFactory.getLogger(ScriptedKernel.class)
          .warn("the engine cannot run {} ({}): using {} instead", what, e, fallback);
      return Optional.empty();
    }
  }

  /**
   * Runs {@code forward} on {@code inputs}, which it closes, with the engine's autograd off inside
   * the call, and returns its integer result: for kernels that update arrays in place.
   */
  public long run(List<IValue> inputs) {
    try (IValue result = IValueUtils.forward(module, inputs.toArray(new IValue[0]))) {
      return result.toLong();
    } finally {
      inputs.forEach(IValue::close);
    }
  }

  /**
   * Runs {@code forward} on {@code inputs} as an engine op would run: under the calling thread's
   * grad mode, so autograd records what it does inside a gradient collector (a backward pass then
   * reaches the inputs) and nothing outside one. Its results belong to the manager of the first
   * input.
   */
  public NDList apply(NDList inputs) {
    return IValueUtils.forward(module, inputs, true);
  }

  /** A TorchScript {@code List[Tensor]}. */
  public static IValue list(List<NDArray> arrays) {
    return IValue.listFrom(arrays.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new));
  }

  /** The module's TorchScript archive: a zip of stored (uncompressed) records in one folder. */
  private static byte[] archive(String name, String methods) {
    String source =
        "class " + name + "(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + methods;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      store(zip, name, "version", "6\n".getBytes(StandardCharsets.US_ASCII));
      store(zip, name, "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
      store(zip, name, "data.pkl", pickledModule(name));
      store(zip, name, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Pickle protocol 2 of {@code __torch__.<name>()} with state {@code {"training": True}}: PROTO
   * 2, GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BINUNICODE "training", NEWTRUE, SETITEM, BUILD,
   * STOP.
   */
  private static byte[] pickledModule(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80);
    out.write(2);
    out.writeBytes(("c__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(')');
    out.write(0x81);
    out.write('}');
    byte[] training = "training".getBytes(StandardCharsets.US_ASCII);
    out.write('X');
    out.write(training.length);
    out.write(0);
    out.write(0);
    out.write(0);
    out.writeBytes(training);
    out.write(0x88);
    out.write('s');
    out.write('b');
    out.write('.');
    return out.toByteArray();
  }

  private static void store(ZipOutputStream zip, String folder, String name, byte[] data)
      throws IOException {
    ZipEntry entry = new ZipEntry(folder + "/" + name);
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
