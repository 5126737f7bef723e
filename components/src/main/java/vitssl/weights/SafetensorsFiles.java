package vitssl.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vitssl.io.AtomicFiles;

/**
 * Named tensors in a {@code .safetensors} file, through DJL's own encoder and decoder ({@link
 * NDList.Encoding#SAFETENSORS}): the tensors' {@link NDArray#getName() names} are the file's keys.
 */
public final class SafetensorsFiles {
  private SafetensorsFiles() {}

  /** Writes the named tensors atomically; every tensor must have a name. */
  public static void write(Path file, NDList named) {
    for (NDArray tensor : named) {
      if (tensor.getName() == null) {
        throw new IllegalArgumentException("a tensor of shape " + tensor.getShape() + " has no name");
      }
    }
    AtomicFiles.writeOrFail(file, out -> named.encode(out, NDList.Encoding.SAFETENSORS));
  }

  /** The file's tensors, named, owned by {@code manager}; a missing or foreign file fails in one line. */
  public static NDList read(Path file, NDManager manager) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file + " is not a file: give the path of a .safetensors file");
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return NDList.decode(manager, in);
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is unreadable: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + " is not a safetensors file (" + e.getMessage() + "): give one that export wrote", e);
    }
  }
}
