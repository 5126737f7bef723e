package vitssl.data;

import java.io.OutputStream;
import vitssl.io.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoded CIFAR-10 in one file, so that later runs skip the PNG decoding: a 36-byte header (magic
 * {@code VSCIFAR1}, format version, side, channels, training and test counts, CRC-32 of the
 * payload; big-endian), then training labels, test labels, training pixels and test pixels as raw
 * bytes (pixels in {@link Cifar10Split}'s layout). A file whose size or checksum does not match its
 * header is ignored, and the caller decodes again.
 *
 * <p>Plain {@code FileInputStream}/{@code FileOutputStream} move the large arrays: NIO channels
 * would copy them through a temporary direct buffer as big as the array and keep it per thread.
 */
final class Cifar10CacheFile {
  private static final Logger LOG = LoggerFactory.getLogger(Cifar10CacheFile.class);
  private static final byte[] MAGIC = "VSCIFAR1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = MAGIC.length + 5 * Integer.BYTES + Long.BYTES;

  private Cifar10CacheFile() {}

  /** The cache file of the splits decoded from {@code tarball}, in {@code folder}. */
  static Path in(Path folder, NpmTarball tarball) {
    return folder.resolve("cifar10-" + tarball.sha256().substring(0, 16) + ".u8");
  }

  static void write(Path file, Cifar10Splits splits) throws IOException {
    AtomicFiles.write(file, out -> writeTo(out, splits));
  }

  /** The splits in {@code file}; empty when it is absent or damaged. */
  static Optional<Cifar10Splits> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(readFrom(file));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Ignoring the CIFAR-10 cache {} ({}); decoding the tarball again", file, e.getMessage());
      return Optional.empty();
    }
  }

  private static void writeTo(OutputStream raw, Cifar10Splits splits) throws IOException {
    byte[][] payload = payload(splits);
    DataOutputStream out = new DataOutputStream(raw);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(Cifar10Split.SIDE);
    out.writeInt(3);
    out.writeInt(splits.train().size());
    out.writeInt(splits.test().size());
    out.writeLong(crc(payload));
    for (byte[] part : payload) {
      out.write(part);
    }
    out.flush();
  }

  private static Cifar10Splits readFrom(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new FileInputStream(file.toFile()))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      int version = in.readInt();
      int side = in.readInt();
      int channels = in.readInt();
      if (!Arrays.equals(magic, MAGIC)
          || version != VERSION
          || side != Cifar10Split.SIDE
          || channels != 3) {
        throw new IOException("not a version " + VERSION + " CIFAR-10 cache");
      }
      int trainCount = in.readInt();
      int testCount = in.readInt();
      long crc = in.readLong();
      long expectedSize =
          HEADER_BYTES + ((long) trainCount + testCount) * (1 + Cifar10Split.IMAGE_BYTES);
      if (trainCount < 0 || testCount < 0 || Files.size(file) != expectedSize) {
        throw new IOException(Files.size(file) + " bytes, header promises " + expectedSize);
      }
      byte[] trainLabels = readFully(in, trainCount);
      byte[] testLabels = readFully(in, testCount);
      byte[] trainPixels = readFully(in, Math.multiplyExact(trainCount, Cifar10Split.IMAGE_BYTES));
      byte[] testPixels = readFully(in, Math.multiplyExact(testCount, Cifar10Split.IMAGE_BYTES));
      if (crc(new byte[][] {trainLabels, testLabels, trainPixels, testPixels}) != crc) {
        throw new IOException("checksum mismatch");
      }
      return new Cifar10Splits(
          new Cifar10Split(trainLabels, trainPixels), new Cifar10Split(testLabels, testPixels));
    }
  }

  private static byte[][] payload(Cifar10Splits splits) {
    return new byte[][] {
      splits.train().labels(),
      splits.test().labels(),
      splits.train().pixels(),
      splits.test().pixels()
    };
  }

  private static byte[] readFully(InputStream in, int count) throws IOException {
    byte[] bytes = new byte[count];
    if (in.readNBytes(bytes, 0, count) != count) {
      throw new IOException("file ends early");
    }
    return bytes;
  }

  private static long crc(byte[][] parts) {
    CRC32 crc = new CRC32();
    for (byte[] part : parts) {
      crc.update(part);
    }
    return crc.getValue();
  }
}
