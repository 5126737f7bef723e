package vitssl.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsFolderTest {
  @TempDir Path dir;
  Path runs;
  RunsFolder folder;

  @BeforeEach
  void layout() throws IOException {
    runs = Files.createDirectories(dir.resolve("runs"));
    Files.createDirectories(runs.resolve("a"));
    Files.writeString(runs.resolve("a/spec.json"), "{}");
    Files.writeString(dir.resolve("secret.txt"), "outside");
    folder = new RunsFolder(runs);
  }

  @Test
  void filesInsideResolveToTheirRealPath() throws IOException {
    assertThat(folder.file("a/spec.json")).isEqualTo(runs.resolve("a/spec.json").toRealPath());
    assertThat(folder.file("./a//spec.json")).isEqualTo(runs.resolve("a/spec.json").toRealPath());
    assertThat(folder.resolve("")).isEqualTo(runs.toRealPath());
  }

  @Test
  void dotDotIsRefusedEvenWhereItWouldStayInside() {
    assertRefused("../secret.txt", Refusal.FORBIDDEN);
    assertRefused("a/../../secret.txt", Refusal.FORBIDDEN);
    assertRefused("a/../a/spec.json", Refusal.FORBIDDEN);
  }

  @Test
  void absolutePathsBackslashesAndNulAreRefused() {
    assertRefused(dir.resolve("secret.txt").toString(), Refusal.BAD_REQUEST);
    assertRefused("/etc/passwd", Refusal.BAD_REQUEST);
    assertRefused("a\\..\\..\\secret.txt", Refusal.BAD_REQUEST);
    assertRefused("a/spec.json\0.png", Refusal.BAD_REQUEST);
  }

  @Test
  void symlinksLeavingTheFolderAreRefusedAndThoseInsideFollowed() throws IOException {
    Files.createSymbolicLink(runs.resolve("a/leak.txt"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(runs.resolve("out"), dir);
    Files.createSymbolicLink(runs.resolve("alias"), runs.resolve("a"));
    assertRefused("a/leak.txt", Refusal.FORBIDDEN);
    assertRefused("out/secret.txt", Refusal.FORBIDDEN);
    assertRefused("out", Refusal.FORBIDDEN);
    assertThat(folder.file("alias/spec.json")).isEqualTo(runs.resolve("a/spec.json").toRealPath());
  }

  @Test
  void missingFilesAndFoldersAsFilesAreNotFound() {
    assertRefused("a/none.json", Refusal.NOT_FOUND);
    assertThatThrownBy(() -> folder.file("a"))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(404));
    assertThat(folder.fileOf("a", "none.json")).isEmpty();
    assertThat(folder.fileOf("..", "secret.txt")).isEmpty();
  }

  @Test
  void aRunsFolderThatIsNoFolderIsNamedWithTheFix() {
    assertThatThrownBy(() -> new RunsFolder(dir.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("give the folder your runs write to");
  }

  private void assertRefused(String path, int status) {
    assertThatThrownBy(() -> folder.resolve(path))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(status));
  }
}
