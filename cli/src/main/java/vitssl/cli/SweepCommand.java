package vitssl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vitssl.runner.Sweep;

/**
 * {@code vitssl sweep}: a sweep recipe's variants, run by the recipe's own {@code main} (which
 * names the sweep and reads its own options, e.g. {@code --paper}) with these options.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the variants of a sweep recipe and tabulates them.",
      "",
      "Variants run one after another, each into its own sub-folder; the sweep's folder receives"
          + " a table (sweep.md, sweep.html) and overlays of their curves. A stopped sweep"
          + " restarts with the same command: finished variants are skipped, interrupted ones"
          + " resume.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  vitssl sweep recipes.FrameworkComparison --steps 20",
      "  vitssl sweep recipes.study.BatchSize --emit-specs specs/ -- --paper",
      "  vitssl sweep recipes.FrameworkComparison -- --resnet"
    })
final class SweepCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "RECIPE",
      description = "A sweep recipe class (one with a static variants method), e.g."
          + " recipes.FrameworkComparison or recipes.study.BatchSize.")
  String recipe;

  @Parameters(
      index = "1..*",
      paramLabel = "RECIPE_OPTION",
      description = "After --: the recipe's own options, e.g. --paper (the study's ImageNet"
          + " setting, recipes.study) or --resnet (recipes.FrameworkComparison).")
  List<String> recipeOptions = new ArrayList<>();

  @Option(
      names = Sweep.EMIT_SPECS,
      paramLabel = "DIR",
      description = "Write one spec file per variant into DIR instead of running (for a job"
          + " scheduler: vitssl train --spec DIR/VARIANT.json each).")
  Path emitSpecs;

  @Mixin RunOptionsMixin options;

  @Override
  public Integer call() {
    RecipeClass sweep = RecipeClass.named(recipe);
    if (!sweep.isSweep()) {
      throw new IllegalArgumentException(
          recipe + " is not a sweep recipe (it has no static variants method): run a single"
              + " recipe with vitssl train " + recipe);
    }
    List<String> args = new ArrayList<>(options.arguments());
    if (emitSpecs != null) {
      args.add(Sweep.EMIT_SPECS);
      args.add(emitSpecs.toString());
    }
    args.addAll(recipeOptions);
    sweep.main(args.toArray(new String[0]));
    return 0;
  }
}
