package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
  @TempDir Path folder;

  /** GNU tar is the reference writer: a reader bug cannot hide behind a matching writer bug. */
  @Test
  void readsWhatGnuTarWritesInUstarFormat() throws Exception {
    Path content = Files.createDirectories(folder.resolve("in/package/" + "d".repeat(90)));
    Files.write(content.resolve("long-name-" + "n".repeat(60) + ".bin"), pattern(1300));
    Files.write(folder.resolve("in/package/exactly-one-block"), pattern(512));
    Files.write(folder.resolve("in/package/empty"), new byte[0]);
    Path archive = folder.resolve("gnu.tgz");
    Process tar =
        new ProcessBuilder(
                "tar", "--format=ustar", "-czf", archive.toString(), "-C", "in", "package")
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .start();
    assumeTrue(tar.waitFor() == 0, "GNU tar is not available");

    Map<String, byte[]> read = readAll(archive);

    assertThat(read)
        .containsOnlyKeys(
            "package/" + "d".repeat(90) + "/long-name-" + "n".repeat(60) + ".bin",
            "package/exactly-one-block",
            "package/empty");
    assertThat(read.get("package/exactly-one-block")).isEqualTo(pattern(512));
    assertThat(read.get("package/empty")).isEmpty();
    assertThat(read.get("package/" + "d".repeat(90) + "/long-name-" + "n".repeat(60) + ".bin"))
        .isEqualTo(pattern(1300));
  }

  @Test
  void aReaderMayLeaveAMemberUnread() throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("a", pattern(2000));
    members.put("b", "second".getBytes(StandardCharsets.UTF_8));
    Path archive = TarGzFixture.write(folder.resolve("x.tgz"), members);
    Map<String, byte[]> seen = new LinkedHashMap<>();

    TarGz.forEachFile(
        archive,
        (name, in) -> seen.put(name, name.equals("a") ? in.readNBytes(3) : in.readAllBytes()));

    assertThat(seen.get("a")).containsExactly(Arrays.copyOf(pattern(2000), 3));
    assertThat(new String(seen.get("b"), StandardCharsets.UTF_8)).isEqualTo("second");
  }

  @Test
  void aTruncatedArchiveFails() throws IOException {
    Path archive = TarGzFixture.write(folder.resolve("x.tgz"), Map.of("a", pattern(5000)));
    byte[] bytes = Files.readAllBytes(archive);
    Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> readAll(archive)).isInstanceOf(EOFException.class);
  }

  private static Map<String, byte[]> readAll(Path archive) throws IOException {
    Map<String, byte[]> read = new LinkedHashMap<>();
    TarGz.forEachFile(archive, (name, in) -> read.put(name, in.readAllBytes()));
    return read;
  }

  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }
}
