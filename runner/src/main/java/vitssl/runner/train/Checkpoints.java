package vitssl.runner.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import vitssl.io.AtomicFiles;

/**
 * Checkpoints of a run: {@code checkpoints/step-NNNNNNNN.ckpt}, each holding the step, the spec it
 * was written under, and named parts (the encoders' parameters, the optimizer's state), then a
 * CRC-32C of all of that, so a file cut short or damaged in a copy is recognised before anything is
 * loaded from it. Written atomically and read back before older ones are pruned: the newest
 * {@link #KEEP} up to the one just written are kept, so an intact checkpoint always remains.
 */
public final class Checkpoints {
  /** A part of the training state that goes into a checkpoint. */
  public interface Part {
    void save(DataOutputStream out) throws IOException;

    void load(DataInputStream in, NDManager manager) throws IOException;

    /** A block's parameters, BatchNorm running statistics included. */
    static Part of(Block block) {
      return new Part() {
        @Override
        public void save(DataOutputStream out) throws IOException {
          block.saveParameters(out);
        }

        @Override
        public void load(DataInputStream in, NDManager manager) throws IOException {
          try {
            block.loadParameters(manager, in);
          } catch (MalformedModelException e) {
            throw new IOException("checkpoint does not match the model: " + e.getMessage(), e);
          }
        }
      };
    }
  }

  /** What a checkpoint says about itself. */
  public record Header(long step, String specJson) {}

  static final int KEEP = 2;
  static final String MAGIC = "vitssl-checkpoint-2";
  /** Checkpoints written before the checksum; read as before, without a check. */
  static final String MAGIC_UNCHECKED = "vitssl-checkpoint-1";
  private final Path dir;

  /** The part holding the query encoder (backbone and projector): a pre-trained backbone. */
  public static final String QUERY_ENCODER = "query_encoder";

  public Checkpoints(Path runFolder) {
    this.dir = runFolder.resolve("checkpoints");
  }

  public Path save(long step, String specJson, Map<String, Part> parts) {
    Path file = dir.resolve(String.format("step-%08d.ckpt", step));
    AtomicFiles.writeOrFail(
        file,
        raw -> {
          CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
          DataOutputStream out = new DataOutputStream(checked);
          out.writeUTF(MAGIC);
          out.writeLong(step);
          writeLongString(out, specJson);
          out.writeInt(parts.size());
          for (Map.Entry<String, Part> part : parts.entrySet()) {
            out.writeUTF(part.getKey());
            part.getValue().save(out);
          }
          out.flush();
          new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
        });
    damage(file)
        .ifPresent(
            why -> {
              throw new UncheckedIOException(
                  new IOException(
                      "checkpoint " + file + " reads back damaged right after writing (" + why
                          + "): check the disk; the checkpoints before it are kept"));
            });
    prune(file);
    return file;
  }

  /** Every checkpoint file, the newest (highest step) first, intact or not. */
  public List<Path> newestFirst() {
    return list().stream().sorted(Comparator.reverseOrder()).toList();
  }

  /**
   * Why {@code file} cannot be trusted (cut short, damaged, not a checkpoint), or empty when its
   * checksum matches. Reads the whole file once.
   */
  public static Optional<String> damage(Path file) {
    return CheckpointChecksum.damage(file);
  }

  public Optional<Path> latest() {
    return list().stream().max(Comparator.naturalOrder());
  }

  /** Reads only the header of a checkpoint. */
  public static Header header(Path file) {
    try (DataInputStream in = open(file)) {
      return readHeader(in, file);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint " + file + " is unreadable: " + e, e);
    }
  }

  /** Loads every part, by name, into the given holders; returns the header. */
  public static Header load(Path file, Map<String, Part> parts, NDManager manager) {
    try (DataInputStream in = open(file)) {
      Header header = readHeader(in, file);
      int count = in.readInt();
      int read = loadParts(in, count, parts, manager);
      if (read < count) {
        throw new IOException("it holds a part \"" + in.readUTF() + "\" this run does not have");
      }
      return header;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "checkpoint " + file + " cannot be loaded: " + e.getMessage()
              + "; delete it to resume from the one before, or start without --resume",
          e);
    }
  }

  /**
   * Loads the given parts, which must come first in the checkpoint (the query encoder does), and
   * reads no further: the parts after them need not be known. Returns the header.
   */
  public static Header loadLeading(Path file, Map<String, Part> parts, NDManager manager) {
    try (DataInputStream in = open(file)) {
      Header header = readHeader(in, file);
      loadParts(in, in.readInt(), parts, manager);
      return header;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "checkpoint " + file + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  /** Loads the next parts into their holders until every holder is filled; returns how many. */
  private static int loadParts(
      DataInputStream in, int count, Map<String, Part> parts, NDManager manager)
      throws IOException {
    Map<String, Part> wanted = new LinkedHashMap<>(parts);
    int read = 0;
    for (; read < count && !wanted.isEmpty(); read++) {
      String name = in.readUTF();
      Part part = wanted.remove(name);
      if (part == null) {
        throw new IOException("it holds a part \"" + name + "\" this run does not have");
      }
      part.load(in, manager);
    }
    if (!wanted.isEmpty()) {
      throw new IOException("it lacks the parts " + wanted.keySet());
    }
    return read;
  }

  static DataInputStream open(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  private static Header readHeader(DataInputStream in, Path file) throws IOException {
    String magic;
    try {
      magic = in.readUTF();
    } catch (IOException notText) {
      magic = null; // another kind of file: reported below
    }
    if (!MAGIC.equals(magic) && !MAGIC_UNCHECKED.equals(magic)) {
      throw new IOException(file + " is not a checkpoint of this framework");
    }
    long step = in.readLong();
    return new Header(step, readLongString(in));
  }

  private List<Path> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("step-\\d{8}\\.ckpt")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes the checkpoints after {@code saved} (left by a run that resumed from an earlier one
   * because they were damaged) and all but the newest {@link #KEEP} up to it.
   */
  private void prune(Path saved) {
    List<Path> upToSaved = new ArrayList<>();
    for (Path file : list()) {
      if (file.compareTo(saved) > 0) {
        delete(file);
      } else {
        upToSaved.add(file);
      }
    }
    for (int i = 0; i < upToSaved.size() - KEEP; i++) {
      delete(upToSaved.get(i));
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove old checkpoint " + file, e);
    }
  }

  private static void writeLongString(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readLongString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }
}
