package vitssl.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lines of {@code metrics.jsonl} written since the page last asked. The page holds a cursor:
 * which file it read (a resumed run rewrites the log as a new file, cut back to its checkpoint) and
 * how many bytes of it. Only whole lines are returned; a line the run is still writing waits for
 * the next poll.
 */
final class MetricsTail {
  /** Bytes read per answer; a longer log comes in several. */
  static final int CHUNK = 4 << 20;

  /** New rows, the cursor to ask with next, and whether the page must drop what it had. */
  record Chunk(
      @JsonProperty("rows") List<JsonNode> rows,
      @JsonProperty("cursor") String cursor,
      @JsonProperty("restart") boolean restart,
      @JsonProperty("more") boolean more) {}

  private MetricsTail() {}

  /** Rows after {@code cursor} ("" for the start of the file). */
  static Chunk read(Path file, String cursor) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      String identity = identity(file);
      long size = channel.size();
      long offset = offset(cursor, identity);
      boolean restart = !cursor.isEmpty() && (offset < 0 || offset > size);
      if (offset < 0 || offset > size) {
        offset = 0;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, size - offset));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // read until the buffer is full or the file ends
      }
      byte[] bytes = buffer.array();
      int end = lastNewline(bytes, buffer.position()) + 1;
      List<JsonNode> rows = new ArrayList<>();
      for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          try {
            rows.add(RunFiles.JSON.readTree(line));
          } catch (IOException torn) {
            // a line cut by a crash: the run's own reader drops it too
          }
        }
      }
      long next = offset + end;
      return new Chunk(rows, identity + ":" + next, restart, next < size && end > 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** The step of the last whole line, 0 when there is none. */
  static long lastStep(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int length = (int) Math.min(64 << 10, size);
      ByteBuffer buffer = ByteBuffer.allocate(length);
      channel.read(buffer, size - length);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      String[] lines = text.split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        try {
          JsonNode step = RunFiles.JSON.readTree(lines[i]).path("step");
          if (step.isIntegralNumber()) {
            return step.longValue();
          }
        } catch (IOException partOfALine) {
          // the first line of the window, or one being written
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static int lastNewline(byte[] bytes, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The file's identity on disk (a rewritten log is a new file), as a short token. */
  private static String identity(Path file) throws IOException {
    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    return Integer.toHexString(Objects.hashCode(key));
  }

  /** The offset a cursor of this file holds; -1 when it belongs to another file or is malformed. */
  private static long offset(String cursor, String identity) {
    if (cursor.isEmpty()) {
      return 0;
    }
    int colon = cursor.indexOf(':');
    if (colon < 0 || !cursor.substring(0, colon).equals(identity)) {
      return -1;
    }
    try {
      return Long.parseLong(cursor.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
