package vitssl.runner;

import com.google.inject.Module;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.report.SweepReport;

/**
 * Runs variants of an experiment one after another, each into its own sub-folder, and writes a
 * table and an overlay of their kNN curves. Every variant runs as if with {@code --resume}: a
 * finished one is skipped, an interrupted one continues from its checkpoint, so a stopped sweep
 * is restarted with the same command.
 */
public final class Sweep {
  /** One variant: a short name (its folder) and its experiment. */
  public record Variant(String name, Experiment experiment) {
    public Variant {
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "Sweep variant name \"" + name + "\": use letters, digits, '.', '_' and '-' only");
      }
    }
  }

  private Sweep() {}

  /** For a recipe's {@code main}: like {@link Runner#main}, a plain message on bad input. */
  public static void main(String name, List<Variant> variants, String[] args, Module... modules) {
    try {
      run(name, variants, RunOptions.parse(args), modules);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Runs every variant; returns each one's summary by name. */
  public static Map<String, Summary> run(
      String name, List<Variant> variants, RunOptions options, Module... modules) {
    Path folder = Path.of(options.out().orElse("runs/" + name));
    Map<String, Summary> summaries = new LinkedHashMap<>();
    Map<String, Path> folders = new LinkedHashMap<>();
    for (Variant variant : variants) {
      Path out = folder.resolve(variant.name());
      if (folders.put(variant.name(), out) != null) {
        throw new IllegalArgumentException(
            "Sweep " + name + ": two variants are named \"" + variant.name() + "\"; name each once");
      }
      RunOptions own =
          new RunOptions(
              options.data(),
              Optional.of(out.toString()),
              options.epochs(),
              options.steps(),
              options.batch(),
              options.threads(),
              options.workers(),
              options.nativeCache(),
              true);
      System.out.println("== " + name + " / " + variant.name());
      summaries.put(variant.name(), Runner.run(variant.experiment(), own, modules).summary());
      SweepReport.write(folder, folders);
    }
    System.out.println("sweep table: " + folder.resolve("sweep.md").toAbsolutePath());
    return summaries;
  }
}
