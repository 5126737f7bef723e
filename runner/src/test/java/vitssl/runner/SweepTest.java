package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.Frameworks;

class SweepTest {
  @TempDir Path dir;

  @Test
  void variantsRunIntoTheirFoldersAndAFinishedSweepIsNotRunAgain() throws Exception {
    Path data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
    Experiment base = TinyRuns.experiment(data, dir.resolve("unused"));
    List<Sweep.Variant> variants =
        List.of(
            new Sweep.Variant("mocov3", base),
            new Sweep.Variant("simclr", base.with(Frameworks.simclr())));
    RunOptions options = RunOptions.parse("--out", dir.resolve("sweep").toString());

    var first = Sweep.run("frameworks", variants, options);
    assertThat(first).containsOnlyKeys("mocov3", "simclr");
    assertThat(dir.resolve("sweep/mocov3/summary.json")).exists();
    assertThat(dir.resolve("sweep/simclr/summary.json")).exists();
    String table = Files.readString(dir.resolve("sweep/sweep.md"));
    assertThat(table).contains("| mocov3 |", "| simclr |", "kNN top-1");
    assertThat(dir.resolve("sweep/knn_curves.png")).exists();
    assertThat(dir.resolve("sweep/sweep.html")).exists();

    assertThat(Sweep.run("frameworks", variants, options)).isEqualTo(first);
  }

  @Test
  void variantNamesAreFolderNames() {
    assertThatThrownBy(() -> new Sweep.Variant("a/b", null)).hasMessageContaining("\"a/b\"");
  }
}
