package vitssl.weights.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * A file {@code torch.save} wrote (PyTorch 1.6 and later): a zip holding {@code <name>/data.pkl},
 * the pickled object, and {@code <name>/data/<key>}, one file of raw little-endian elements per
 * storage. {@link #root()} is the unpickled object with {@link TorchTensor}s in place of tensors;
 * {@link #array} reads one into an NDArray. No Python is involved.
 */
public final class TorchArchive implements AutoCloseable {
  private final Path file;
  private final ZipFile zip;
  private final String prefix;
  private final Object root;
  private final Map<String, byte[]> storages = new HashMap<>();

  private TorchArchive(Path file, ZipFile zip, String prefix, Object root) {
    this.file = file;
    this.zip = zip;
    this.prefix = prefix;
    this.root = root;
  }

  /** Opens and unpickles the archive; a file that is not one fails in one line. */
  public static TorchArchive open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a file: give a checkpoint torch.save wrote");
    }
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IllegalArgumentException(
          file + " is not a zip archive: give a checkpoint that torch.save wrote with PyTorch 1.6"
              + " or later (re-save an older one with torch.save(torch.load(f), f))",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is unreadable: " + e.getMessage(), e);
    }
    try {
      String prefix = dataPrefix(zip, file);
      checkByteOrder(zip, prefix, file);
      TorchUnpickler.register();
      Object root;
      try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
        root = new TorchUnpickler().load(in);
      } catch (PickleException e) {
        throw new IllegalArgumentException(
            file + " holds a pickle this reader cannot rebuild (" + e.getMessage() + ")", e);
      }
      return new TorchArchive(file, zip, prefix, root);
    } catch (IOException | RuntimeException e) {
      closeQuietly(zip);
      if (e instanceof IOException io) {
        throw new UncheckedIOException(file + " is unreadable: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  public Path file() {
    return file;
  }

  /** The unpickled object: maps, lists, numbers, strings and {@link TorchTensor}s. */
  public Object root() {
    return root;
  }

  /** The tensor's elements as an NDArray of its shape and element type, owned by {@code manager}. */
  public NDArray array(TorchTensor tensor, NDManager manager) {
    byte[] storage = storage(tensor.key());
    int item = tensor.type().bytes();
    long size = tensor.size();
    ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(size * item)).order(ByteOrder.nativeOrder());
    if (tensor.contiguous()) {
      out.put(storage, Math.toIntExact(tensor.offset() * item), Math.toIntExact(size * item));
    } else {
      long[] shape = tensor.shape();
      long[] index = new long[shape.length];
      for (long n = 0; n < size; n++) {
        long at = tensor.offset();
        for (int d = 0; d < shape.length; d++) {
          at += index[d] * tensor.stride()[d];
        }
        out.put(storage, Math.toIntExact(at * item), item);
        for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
          index[d] = 0;
        }
      }
    }
    out.rewind();
    return manager.create(out, new Shape(tensor.shape()), tensor.type().dataType());
  }

  private byte[] storage(String key) {
    return storages.computeIfAbsent(
        key,
        k -> {
          ZipEntry entry = zip.getEntry(prefix + "data/" + k);
          if (entry == null) {
            throw new IllegalArgumentException(file + " lacks the storage data/" + k);
          }
          try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(file + ": storage " + k + " is unreadable", e);
          }
        });
  }

  /** The folder inside the zip that holds {@code data.pkl} (torch names it after the file). */
  private static String dataPrefix(ZipFile zip, Path file) {
    return zip.stream()
        .map(ZipEntry::getName)
        .filter(name -> name.endsWith("data.pkl") && name.indexOf('/') == name.lastIndexOf('/'))
        .map(name -> name.substring(0, name.length() - "data.pkl".length()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    file + " is a zip without data.pkl, so not a torch.save checkpoint"));
  }

  private static void checkByteOrder(ZipFile zip, String prefix, Path file) throws IOException {
    ZipEntry order = zip.getEntry(prefix + "byteorder");
    if (order == null) {
      return;
    }
    try (InputStream in = zip.getInputStream(order)) {
      String value = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!value.equals("little")) {
        throw new IllegalArgumentException(
            file + " stores " + value + "-endian tensors: re-save it on a little-endian machine");
      }
    }
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException ignored) {
      // the error being reported matters more
    }
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
