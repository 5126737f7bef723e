package vitssl.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streams the regular files out of a gzip-compressed tar archive in the ustar layout that {@code
 * npm pack} writes (names up to 255 characters through the ustar prefix). Other entries (folders,
 * links, pax and GNU extension headers) are skipped. Reading streams through the archive once, so a
 * large member never has to sit in memory undecoded.
 */
final class TarGz {
  private static final int BLOCK = 512;

  /** Receives one regular file; {@code content} ends with the file and need not be read fully. */
  interface EntryReader {
    void read(String name, InputStream content) throws IOException;
  }

  private TarGz() {}

  static void forEachFile(Path archive, EntryReader reader) throws IOException {
    try (InputStream in =
        new GZIPInputStream(
            new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      while (true) {
        if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
          throw new EOFException(archive + " ends inside a tar header: the archive is truncated");
        }
        if (isZero(header)) {
          return;
        }
        long size = octal(header, 124, 12);
        byte type = header[156];
        Entry content = new Entry(in, size);
        if (type == '0' || type == 0) {
          reader.read(name(header), content);
        }
        content.skipRest();
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
      }
    }
  }

  private static String name(byte[] header) {
    String name = text(header, 0, 100);
    boolean ustar = text(header, 257, 6).startsWith("ustar");
    String prefix = ustar ? text(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) throws IOException {
    String digits = text(header, offset, length).trim();
    try {
      return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new IOException("Tar header holds size \"" + digits + "\": not an ustar archive", e);
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of one member; closing it leaves the archive stream open. */
  private static final class Entry extends FilterInputStream {
    private long remaining;

    Entry(InputStream archive, long size) {
      super(archive);
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("Tar member ends early: the archive is truncated");
      }
      remaining--;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n < 0) {
        throw new EOFException("Tar member ends early: the archive is truncated");
      }
      remaining -= n;
      return n;
    }

    @Override
    public long skip(long count) throws IOException {
      long n = in.skip(Math.min(count, remaining));
      remaining -= n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {}

    void skipRest() throws IOException {
      in.skipNBytes(remaining);
      remaining = 0;
    }
  }
}
