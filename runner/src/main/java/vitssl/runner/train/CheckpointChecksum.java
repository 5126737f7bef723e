package vitssl.runner.train;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The check of a checkpoint's integrity: every checkpoint ends with the CRC-32C of everything
 * before it, written by {@link Checkpoints#save}; a file whose checksum does not match was cut
 * short or damaged.
 */
final class CheckpointChecksum {
  static final int CHECKSUM_BYTES = Long.BYTES;

  private CheckpointChecksum() {}

  static Optional<String> damage(Path file) {
    try (FileChannel channel = FileChannel.open(file)) {
      long size = channel.size();
      try (DataInputStream in = Checkpoints.open(file)) {
        String magic = in.readUTF();
        if (Checkpoints.MAGIC_UNCHECKED.equals(magic)) {
          return Optional.empty();
        }
        if (!Checkpoints.MAGIC.equals(magic)) {
          return Optional.of("it is not a checkpoint of this framework");
        }
      }
      if (size < CHECKSUM_BYTES + Checkpoints.MAGIC.length() + 2) {
        return Optional.of("it is cut short (" + size + " bytes)");
      }
      CRC32C crc = new CRC32C();
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      long left = size - CHECKSUM_BYTES;
      channel.position(0);
      while (left > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
        int n = channel.read(buffer);
        if (n < 0) {
          return Optional.of("it is cut short");
        }
        buffer.flip();
        crc.update(buffer);
        left -= n;
      }
      ByteBuffer stored = ByteBuffer.allocate(CHECKSUM_BYTES);
      while (stored.hasRemaining() && channel.read(stored) >= 0) {
        // reads the trailing checksum
      }
      if (stored.hasRemaining() || stored.flip().getLong() != crc.getValue()) {
        return Optional.of("its checksum does not match: it was cut short or damaged");
      }
      return Optional.empty();
    } catch (EOFException e) {
      return Optional.of("it is empty or cut short");
    } catch (IOException e) {
      return Optional.of("it cannot be read (" + e + ")");
    }
  }
}
