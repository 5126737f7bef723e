package vitssl.runner;

import com.google.inject.Module;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vitssl.dsl.Experiment;
import vitssl.io.AtomicFiles;
import vitssl.report.SweepReport;
import vitssl.runner.compute.ComputeDevices;
import vitssl.runner.scheduler.EmitRequest;
import vitssl.runner.scheduler.JobScheduler;
import vitssl.runner.scheduler.SweepJobs;
import vitssl.runner.scheduler.SweepManifest;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Summary;
import vitssl.runner.run.Wiring;
import vitssl.serve.RunsServer;

/**
 * Runs variants of an experiment one after another, each into its own sub-folder, and writes a
 * table and overlays of their kNN curves and gradient norms. Every variant runs as if with {@code
 * --resume}: a finished one is skipped, an interrupted one continues from its checkpoint, so a
 * stopped sweep is restarted with the same command.
 *
 * <p>{@code --emit-specs DIR} writes one spec file per variant into DIR instead of running, for a
 * job scheduler: each runs with {@code vitssl train --spec DIR/VARIANT.json} into the
 * folder this sweep would have used, and the sweep's command afterwards finds every variant
 * finished and writes the table.
 *
 * <p>{@code --emit slurm DIR} writes those specs and a Slurm job array with a table job after it
 * ({@code DIR/submit.sh} submits both); {@code --emit k8s DIR --image NAME [--claim NAME]} writes a
 * Kubernetes Indexed Job and a table job instead (see {@link SweepJobs}).
 */
public final class Sweep {
  public static final String EMIT_SPECS = "--emit-specs";

  /**
   * One variant: a short name (its folder), its experiment, and optionally the value it changes in
   * words (e.g. "base lr 3e-3"), shown beside the name in the sweep's table.
   */
  public record Variant(String name, Experiment experiment, Optional<String> value) {
    public Variant {
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "Sweep variant name \"" + name + "\": use letters, digits, '.', '_' and '-' only");
      }
    }

    public Variant(String name, Experiment experiment) {
      this(name, experiment, Optional.empty());
    }

    public Variant(String name, Experiment experiment, String value) {
      this(name, experiment, Optional.of(value));
    }
  }

  private Sweep() {}

  /**
   * For a recipe's {@code main}: runs the variants, or with {@code --emit-specs DIR} writes their
   * specs; like {@link Runner#main}, a plain message on bad input.
   */
  public static void main(String name, List<Variant> variants, String[] args, Module... modules) {
    Runner.exitOnBadInput(
        () -> {
          Optional<EmitRequest> scheduler = EmitRequest.take(args);
          CommandLineFlag emit =
              CommandLineFlag.take(scheduler.map(EmitRequest::rest).orElse(args), EMIT_SPECS);
          RunOptions options = RunOptions.parse(emit.rest());
          if (scheduler.isPresent()) {
            if (emit.value().isPresent()) {
              throw new IllegalArgumentException(
                  EMIT_SPECS + " and " + EmitRequest.EMIT + " both given: pass one of them");
            }
            List<Path> files = emitJobs(name, variants, options, scheduler.get(), modules);
            files.forEach(f -> System.out.println(f.toAbsolutePath()));
          } else if (emit.value().isPresent()) {
            List<Path> files = emit(name, variants, options, Path.of(emit.value().get()), modules);
            files.forEach(f -> System.out.println(f.toAbsolutePath()));
            System.out.println(
                files.size() + " specs; run each with: bin/vitssl train --spec FILE");
          } else {
            run(name, variants, options, modules);
          }
        },
        () -> Optional.of(folder(name, RunOptions.parse(CommandLineFlag.take(args, EMIT_SPECS).rest()))));
  }

  /**
   * Runs every variant; returns each one's summary by name. With {@code --serve}, one page
   * follows the whole sweep.
   */
  public static Map<String, Summary> run(
      String name, List<Variant> variants, RunOptions options, Module... modules) {
    try (RunsServer.Lease page = RunsServer.during(options.serve(), folder(name, options))) {
      return runVariants(name, variants, options, modules);
    }
  }

  private static Map<String, Summary> runVariants(
      String name, List<Variant> variants, RunOptions options, Module... modules) {
    Path folder = folder(name, options);
    requireUniqueNames(name, variants);
    Map<String, Summary> summaries = new LinkedHashMap<>();
    List<SweepReport.Row> rows = new ArrayList<>();
    for (Variant variant : variants) {
      RunOptions own = ownOptions(folder, variant, options);
      rows.add(new SweepReport.Row(variant.name(), variant.value(), Path.of(own.out().orElseThrow())));
      System.out.println("== " + name + " / " + variant.name());
      summaries.put(variant.name(), Runner.run(variant.experiment(), own, modules).summary());
      SweepReport.write(folder, rows);
    }
    System.out.println("sweep table: " + folder.resolve("sweep.md").toAbsolutePath());
    return summaries;
  }

  /**
   * Writes each variant's experiment, as {@link #run} would run it (the options applied, the output
   * in the sweep's sub-folder), to {@code dir/<variant>.json}; checks first that every spec type
   * has a component. Returns the files in the variants' order.
   */
  public static List<Path> emit(
      String name, List<Variant> variants, RunOptions options, Path dir, Module... modules) {
    Path folder = folder(name, options);
    requireUniqueNames(name, variants);
    Wiring wiring = Wiring.of(modules);
    List<Path> files = new ArrayList<>();
    for (Variant variant : variants) {
      Experiment e = ownOptions(folder, variant, options).apply(variant.experiment());
      wiring.requireBound(e);
      Path file = dir.resolve(variant.name() + ".json");
      AtomicFiles.writeString(file, wiring.json().write(e) + "\n");
      files.add(file);
    }
    return files;
  }

  /**
   * Writes the specs as {@link #emit} does, then the scheduler's files for them (a Slurm job array
   * or a Kubernetes Indexed Job, and a job writing the table afterwards); returns every file.
   */
  public static List<Path> emitJobs(
      String name, List<Variant> variants, RunOptions options, EmitRequest request, Module... modules) {
    List<Path> specs = emit(name, variants, options, request.dir(), modules);
    Path folder = folder(name, options);
    List<SweepManifest.Entry> entries = new ArrayList<>();
    int gpus = 0;
    for (int i = 0; i < variants.size(); i++) {
      Variant variant = variants.get(i);
      entries.add(
          new SweepManifest.Entry(
              variant.name(),
              variant.value(),
              specs.get(i).getFileName().toString(),
              folder.resolve(variant.name()).toString()));
      gpus = Math.max(gpus, ComputeDevices.gpusListed(variant.experiment().compute()));
    }
    String launcher =
        request.scheduler() == JobScheduler.K8S
            ? SweepJobs.imageLauncher()
            : SweepJobs.localLauncher();
    List<Path> files = new ArrayList<>(specs);
    files.addAll(
        SweepJobs.write(
            request, new SweepManifest(name, folder.toString(), entries), specs, launcher, gpus));
    return files;
  }

  private static Path folder(String name, RunOptions options) {
    return Path.of(options.out().orElse("runs/" + name));
  }

  /** The sweep's options with the variant's own folder, always resuming. */
  private static RunOptions ownOptions(Path folder, Variant variant, RunOptions options) {
    return options.forVariant(folder.resolve(variant.name()).toString());
  }

  private static void requireUniqueNames(String name, List<Variant> variants) {
    Set<String> seen = new LinkedHashSet<>();
    for (Variant variant : variants) {
      if (!seen.add(variant.name())) {
        throw new IllegalArgumentException(
            "Sweep " + name + ": two variants are named \"" + variant.name() + "\"; name each once");
      }
    }
  }
}
