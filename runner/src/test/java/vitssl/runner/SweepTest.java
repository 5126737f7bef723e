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
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Wiring;

class SweepTest {
  @TempDir Path dir;

  @Test
  void variantsRunIntoTheirFoldersAndAFinishedSweepIsNotRunAgain() throws Exception {
    Path data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
    Experiment base = TinyRuns.experiment(data, dir.resolve("unused"));
    List<Sweep.Variant> variants =
        List.of(
            new Sweep.Variant("mocov3", base),
            new Sweep.Variant("simclr", base.with(Frameworks.simclr()), "no key encoder"));
    RunOptions options = RunOptions.parse("--out", dir.resolve("sweep").toString());

    var first = Sweep.run("frameworks", variants, options);
    assertThat(first).containsOnlyKeys("mocov3", "simclr");
    assertThat(dir.resolve("sweep/mocov3/summary.json")).exists();
    assertThat(dir.resolve("sweep/simclr/summary.json")).exists();
    String table = Files.readString(dir.resolve("sweep/sweep.md"));
    assertThat(table).contains("| mocov3 | - |", "| simclr | no key encoder |", "kNN top-1");
    assertThat(dir.resolve("sweep/knn_curves.png")).exists();
    assertThat(dir.resolve("sweep/grad_norm_first_layer.png")).exists();
    assertThat(dir.resolve("sweep/grad_norm_last_layer.png")).exists();
    assertThat(dir.resolve("sweep/sweep.html")).exists();

    assertThat(Sweep.run("frameworks", variants, options)).isEqualTo(first);
  }

  @Test
  void emittedSpecsReadBackAsTheRunsOfTheSweepAndRunWithTheRunner() throws Exception {
    Experiment base = TinyRuns.experiment(TinyRuns.imageFolder(dir.resolve("images"), 3, 24), dir);
    List<Sweep.Variant> variants =
        List.of(
            new Sweep.Variant("mocov3", base),
            new Sweep.Variant("simclr", base.with(Frameworks.simclr())));
    Path sweep = dir.resolve("sweep");
    Path specs = dir.resolve("specs");

    Sweep.main(
        "frameworks",
        variants,
        new String[] {"--steps", "4", Sweep.EMIT_SPECS, specs.toString(), "--out", sweep.toString()});

    assertThat(sweep).doesNotExist();
    try (var files = Files.list(specs)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("mocov3.json", "simclr.json");
    }
    Experiment simclr =
        base.with(Frameworks.simclr()).withSteps(4).withOutput(sweep.resolve("simclr").toString());
    Path file = specs.resolve("simclr.json");
    assertThat(Wiring.of().json().readExperiment(Files.readString(file))).isEqualTo(simclr);
    assertThat(Runner.readSpec(file)).isEqualTo(simclr);

    Runner.main(new String[] {Runner.SPEC, file.toString()});

    assertThat(sweep.resolve("simclr/summary.json")).exists();
    assertThat(Files.readString(sweep.resolve("simclr/spec.json")).trim())
        .isEqualTo(Files.readString(file).trim());
  }

  @Test
  void twoVariantsOfOneNameFailBeforeAnythingRuns() {
    Experiment base = TinyRuns.experiment(dir.resolve("images"), dir);
    List<Sweep.Variant> twice = List.of(new Sweep.Variant("a", base), new Sweep.Variant("a", base));
    assertThatThrownBy(() -> Sweep.run("s", twice, RunOptions.parse("--out", dir.toString())))
        .hasMessage("Sweep s: two variants are named \"a\"; name each once");
    assertThatThrownBy(() -> Sweep.emit("s", twice, RunOptions.none(), dir))
        .hasMessage("Sweep s: two variants are named \"a\"; name each once");
  }

  @Test
  void aFlagOutsideTheRunOptionsIsTakenWithItsValue() {
    CommandLineFlag taken =
        CommandLineFlag.take(new String[] {"--steps", "4", "--spec", "a.json", "--resume"}, "--spec");
    assertThat(taken.value()).contains("a.json");
    assertThat(taken.rest()).containsExactly("--steps", "4", "--resume");
    assertThat(CommandLineFlag.take(new String[] {"--resume"}, "--spec").value()).isEmpty();
    assertThatThrownBy(() -> CommandLineFlag.take(new String[] {"--spec", "--resume"}, "--spec"))
        .hasMessage("--spec needs a value (a path)");
    assertThatThrownBy(() -> Runner.readSpec(dir.resolve("missing.json")))
        .hasMessageContaining("no such file");
  }

  @Test
  void variantNamesAreFolderNames() {
    assertThatThrownBy(() -> new Sweep.Variant("a/b", null)).hasMessageContaining("\"a/b\"");
  }
}
