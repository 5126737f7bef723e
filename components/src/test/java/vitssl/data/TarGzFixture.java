package vitssl.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes small ustar .tgz archives the way npm pack lays them out, for tests. */
final class TarGzFixture {
  private TarGzFixture() {}

  /** Writes {@code members} (name to content, in iteration order) into {@code archive}. */
  static Path write(Path archive, Map<String, byte[]> members) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
      for (Map.Entry<String, byte[]> member : members.entrySet()) {
        out.write(header(member.getKey(), member.getValue().length));
        out.write(member.getValue());
        out.write(new byte[(512 - member.getValue().length % 512) % 512]);
      }
      out.write(new byte[1024]);
    }
    return archive;
  }

  private static byte[] header(String name, long size) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
    put(header, 136, String.format("%011o", 499162500L));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    return header;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
