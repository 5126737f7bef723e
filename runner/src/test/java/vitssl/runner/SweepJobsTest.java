package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.Frameworks;
import vitssl.dsl.compute.Compute;
import vitssl.runner.scheduler.EmitRequest;
import vitssl.runner.scheduler.SweepJobs;
import vitssl.runner.scheduler.SweepManifest;
import vitssl.runner.scheduler.SweepTable;

/** A sweep handed to Slurm or Kubernetes: the files written, and what each task runs. */
class SweepJobsTest {
  @TempDir Path dir;

  @AfterEach
  void forgetHome() {
    System.clearProperty(SweepJobs.HOME_PROPERTY);
  }

  private List<Sweep.Variant> variants() {
    Experiment base = TinyRuns.experiment(dir.resolve("images"), dir);
    return List.of(
        new Sweep.Variant("mocov3", base),
        new Sweep.Variant("simclr", base.with(Frameworks.simclr()), "no key encoder"));
  }

  @Test
  void slurmGetsAJobArrayWhoseTaskNRunsTheNthSpecAndATableJobAfterIt() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home/bin"));
    // A launcher that records what it was asked to run, in place of bin/vitssl.
    Path launcher = home.resolve("vitssl");
    Files.writeString(launcher, "#!/usr/bin/env bash\necho \"$VITSSL_NO_BUILD $*\" > \"$OUT\"\n");
    launcher.toFile().setExecutable(true);
    System.setProperty(SweepJobs.HOME_PROPERTY, dir.resolve("home").toString());
    Path emitted = dir.resolve("jobs");
    Path sweep = dir.resolve("sweep");

    Sweep.main(
        "frameworks",
        variants(),
        new String[] {"--steps", "4", EmitRequest.EMIT, "slurm", emitted.toString(), "--out", sweep.toString()});

    try (var files = Files.list(emitted)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "mocov3.json", "simclr.json", "sweep.json", "sweep.sbatch", "table.sbatch", "submit.sh");
    }
    String array = Files.readString(emitted.resolve("sweep.sbatch"));
    assertThat(array)
        .contains("#SBATCH --array=0-1", "#SBATCH --chdir=" + Path.of("").toAbsolutePath())
        .doesNotContain("--gres");
    assertThat(Files.readString(emitted.resolve("submit.sh")))
        .contains("sbatch --parsable sweep.sbatch", "--dependency=afterok:\"$array\" table.sbatch");
    for (String script : List.of("sweep.sbatch", "table.sbatch", "submit.sh")) {
      assertThat(emitted.resolve(script)).isExecutable();
      assertThat(run(List.of("bash", "-n", emitted.resolve(script).toString()), "0")).isEmpty();
    }
    for (int task = 0; task < 2; task++) {
      String ran = run(List.of("bash", emitted.resolve("sweep.sbatch").toString()), Integer.toString(task));
      String spec = emitted.resolve(task == 0 ? "mocov3.json" : "simclr.json").toAbsolutePath().toString();
      assertThat(ran).isEqualTo("1 vitssl.runner.Runner --spec " + spec + " --resume");
    }
    assertThat(run(List.of("bash", emitted.resolve("table.sbatch").toString()), "0"))
        .isEqualTo("1 " + SweepTable.class.getName() + " " + emitted.toAbsolutePath().resolve("sweep.json"));

    SweepManifest manifest = SweepManifest.read(emitted.resolve("sweep.json"));
    assertThat(manifest.variants()).extracting(SweepManifest.Entry::run)
        .containsExactly(sweep.resolve("mocov3").toString(), sweep.resolve("simclr").toString());
    assertThat(manifest.variants().get(1).value()).contains("no key encoder");
    assertThatThrownBy(() -> SweepTable.write(manifest))
        .hasMessageContaining("variant mocov3 of sweep frameworks has not finished")
        .hasMessageContaining("summary.json is missing");
  }

  @Test
  void aSlurmTaskAsksForTheGpusItsSpecLists() throws Exception {
    System.setProperty(SweepJobs.HOME_PROPERTY, dir.toString());
    List<Sweep.Variant> gpus =
        variants().stream()
            .map(v -> new Sweep.Variant(v.name(), v.experiment().withCompute(Compute.gpus(4))))
            .toList();
    Sweep.main("g", gpus, new String[] {EmitRequest.EMIT, "slurm", dir.resolve("jobs").toString()});
    assertThat(Files.readString(dir.resolve("jobs/sweep.sbatch"))).contains("#SBATCH --gres=gpu:4");
  }

  @Test
  void kubernetesGetsAnIndexedJobOverAConfigMapOfTheSpecs() throws Exception {
    Path emitted = dir.resolve("k8s");
    Sweep.main(
        "Frameworks_CPU",
        variants(),
        new String[] {EmitRequest.EMIT, "k8s", emitted.toString(), "--image", "registry.example/vitssl:1", "--claim", "runs"});

    String yaml = Files.readString(emitted.resolve("sweep-job.yaml"));
    assertThat(yaml)
        .contains(
            "kind: ConfigMap", "name: frameworks-cpu-specs", "kind: Job", "name: frameworks-cpu\n",
            "completionMode: Indexed", "completions: 2", "image: registry.example/vitssl:1",
            "claimName: runs", "specs=(/specs/mocov3.json /specs/simclr.json)",
            "exec /opt/vitssl/bin/vitssl vitssl.runner.Runner --spec \"${specs[$JOB_COMPLETION_INDEX]}\" --resume");
    for (String spec : List.of("mocov3.json", "simclr.json", "sweep.json")) {
      assertThat(configMapEntry(yaml, spec)).isEqualTo(Files.readString(emitted.resolve(spec)).strip());
    }
    assertThat(Files.readString(emitted.resolve("table-job.yaml")))
        .contains("name: frameworks-cpu-table", "vitssl.runner.scheduler.SweepTable /specs/sweep.json")
        .doesNotContain("completionMode");
  }

  @Test
  void badSchedulerRequestsGetOneLineNamingTheFix() {
    String[] noImage = {EmitRequest.EMIT, "k8s", dir.toString()};
    assertThatThrownBy(() -> EmitRequest.take(noImage)).hasMessageContaining("--emit k8s needs --image NAME");
    String[] unknown = {EmitRequest.EMIT, "pbs", dir.toString()};
    assertThatThrownBy(() -> EmitRequest.take(unknown)).hasMessageContaining("one of slurm, k8s");
    String[] imageForSlurm = {EmitRequest.EMIT, "slurm", dir.toString(), "--image", "x"};
    assertThatThrownBy(() -> EmitRequest.take(imageForSlurm)).hasMessageContaining("are for --emit k8s");
    assertThatThrownBy(
            () ->
                Sweep.emitJobs(
                    "s", variants(), vitssl.runner.run.RunOptions.parse("--out", dir.toString()),
                    EmitRequest.take(new String[] {EmitRequest.EMIT, "k8s", dir.resolve("k").toString(), "--image", "i"}).orElseThrow()))
        .hasMessageContaining("give a relative folder");
    assertThat(EmitRequest.take(new String[] {"--steps", "3"})).isEmpty();
  }

  /** The value of {@code key} in a ConfigMap's data, its literal block de-indented. */
  private static String configMapEntry(String yaml, String key) {
    String after = yaml.substring(yaml.indexOf("  " + key + ": |\n") + key.length() + 6);
    return after.lines()
        .takeWhile(l -> l.startsWith("    "))
        .map(l -> l.substring(4))
        .collect(Collectors.joining("\n"));
  }

  /** Runs {@code command} as Slurm would run task {@code task}; returns what the launcher recorded. */
  private String run(List<String> command, String task) throws Exception {
    Path out = dir.resolve("ran-" + task);
    Files.deleteIfExists(out);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SLURM_ARRAY_TASK_ID", task);
    builder.environment().put("OUT", out.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return Files.exists(out) ? Files.readString(out).strip() : output.strip();
  }
}
