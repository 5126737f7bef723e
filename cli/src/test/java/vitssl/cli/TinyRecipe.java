package vitssl.cli;

import java.nio.file.Path;
import vitssl.dsl.Experiment;
import vitssl.runner.TinyRuns;

/** A recipe for the command's tests: the runner's tiny run; --data and --out say where. */
public final class TinyRecipe {
  private TinyRecipe() {}

  public static Experiment experiment() {
    return TinyRuns.experiment(Path.of("give --data"), Path.of("give --out"));
  }

  public static void main(String[] args) {
    Arguments.seen = args;
  }

  /** What {@link #main} last received. */
  static final class Arguments {
    static String[] seen;

    private Arguments() {}
  }
}
