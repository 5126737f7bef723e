package vitssl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vitssl.dsl.Experiment;
import vitssl.runner.Runner;

/** {@code vitssl train}: one pre-training run of a recipe class or a spec file. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Pre-trains an encoder from a recipe class or a spec file.",
      "",
      "The run folder receives spec.json, metrics.jsonl, checkpoints/, summary.json and"
          + " report.html; --resume continues it from its latest checkpoint.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  vitssl train recipes.MocoV3Cifar10 --steps 20 --out runs/try",
      "  vitssl train --spec runs/try/spec.json --out runs/again",
      "  vitssl train recipes.MocoV3Cifar10 --out runs/try --steps 40 --resume"
    })
final class TrainCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "RECIPE",
      description = "A recipe class with a static experiment() method, e.g. recipes.MocoV3Cifar10.")
  String recipe;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "An experiment's JSON spec instead of a recipe (a run's spec.json, or one that"
          + " sweep --emit-specs wrote).")
  Path spec;

  @Mixin RunOptionsMixin options;

  @Override
  public Integer call() {
    if ((recipe == null) == (spec == null)) {
      throw new IllegalArgumentException(
          "give what to train: a recipe class (vitssl train recipes.MocoV3Cifar10) or --spec FILE,"
              + " not both");
    }
    Experiment experiment =
        recipe != null ? RecipeClass.named(recipe).experiment() : Runner.readSpec(spec);
    Runner.run(experiment, options.runOptions());
    return 0;
  }
}
