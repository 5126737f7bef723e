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
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Summary;
import vitssl.runner.run.Wiring;

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
          CommandLineFlag emit = CommandLineFlag.take(args, EMIT_SPECS);
          RunOptions options = RunOptions.parse(emit.rest());
          if (emit.value().isPresent()) {
            List<Path> files = emit(name, variants, options, Path.of(emit.value().get()), modules);
            files.forEach(f -> System.out.println(f.toAbsolutePath()));
            System.out.println(
                files.size() + " specs; run each with: bin/vitssl train --spec FILE");
          } else {
            run(name, variants, options, modules);
          }
        });
  }

  /** Runs every variant; returns each one's summary by name. */
  public static Map<String, Summary> run(
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

  private static Path folder(String name, RunOptions options) {
    return Path.of(options.out().orElse("runs/" + name));
  }

  /** The sweep's options with the variant's own folder, always resuming. */
  private static RunOptions ownOptions(Path folder, Variant variant, RunOptions options) {
    return new RunOptions(
        options.data(),
        Optional.of(folder.resolve(variant.name()).toString()),
        options.epochs(),
        options.steps(),
        options.batch(),
        options.threads(),
        options.workers(),
        options.nativeCache(),
        true);
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
