package vitssl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class CommandLineTest {
  @TempDir Path dir;

  @Test
  void theTopLevelHelpListsEveryCommand() {
    Cli help = Cli.run("--help");
    assertThat(help.status()).isZero();
    for (String command : Vitssl.commandLine().getSubcommands().keySet()) {
      assertThat(help.out()).contains(command);
    }
    assertThat(help.out()).contains("train", "sweep");
  }

  @Test
  void everyCommandHasHelpThatDocumentsEveryFlag() {
    for (Map.Entry<String, CommandLine> entry : Vitssl.commandLine().getSubcommands().entrySet()) {
      if (entry.getKey().equals("help")) {
        continue;
      }
      Cli help = Cli.run(entry.getKey(), "--help");
      assertThat(help.status()).as(entry.getKey()).isZero();
      assertThat(help.out()).as(entry.getKey()).startsWith("Usage: vitssl " + entry.getKey());
      for (OptionSpec option : entry.getValue().getCommandSpec().options()) {
        assertThat(help.out()).as(entry.getKey()).contains(option.longestName());
        assertThat(String.join(" ", option.description()))
            .as(entry.getKey() + " " + option.longestName())
            .isNotBlank();
      }
      for (PositionalParamSpec parameter : entry.getValue().getCommandSpec().positionalParameters()) {
        assertThat(String.join(" ", parameter.description()))
            .as(entry.getKey() + " " + parameter.paramLabel())
            .isNotBlank();
      }
    }
  }

  @Test
  void aMistypedFlagGetsOneLineWithASuggestion() {
    Cli cli = Cli.run("train", "recipes.MocoV3Cifar10", "--step", "20");
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.errorLine())
        .contains("'--step'")
        .contains("did you mean --steps")
        .contains("vitssl train --help");
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    Cli cli = Cli.run("trian");
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.errorLine()).contains("'trian'").contains("train");
  }

  @Test
  void noCommandNamesTheCommands() {
    Cli cli = Cli.run();
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.errorLine()).contains("give a command: train, sweep");
  }

  @Test
  void badValuesAreOneLineEach() {
    assertThat(Cli.run("train", "recipes.MocoV3Cifar10", "--batch", "0").errorLine())
        .contains("--batch")
        .contains("'0': give a positive whole number");
    assertThat(Cli.run("train", "recipes.MocoV3Cifar10", "--steps", "5", "--epochs", "2").errorLine())
        .contains("mutually exclusive");
    assertThat(Cli.run("train", "recipes.MocoV3Cifar10", "--out").errorLine())
        .contains("Missing required parameter for option '--out'");
  }

  @Test
  void trainNeedsOneRecipeOrSpec() {
    assertThat(Cli.run("train").errorLine()).contains("give what to train");
    Cli unknown = Cli.run("train", "recipes.NoSuchRecipe");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.errorLine()).contains("recipes.NoSuchRecipe: no such class");
    assertThat(Cli.run("train", "recipes.FrameworkComparison").errorLine())
        .contains("is a sweep recipe: run it with vitssl sweep recipes.FrameworkComparison");
    assertThat(Cli.run("train", "java.lang.String").errorLine())
        .contains("has no public static Experiment experiment() method");
    Cli missing = Cli.run("train", "--spec", dir.resolve("missing.json").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.errorLine()).contains("missing.json: no such file");
  }

  @Test
  void sweepTakesOnlySweepRecipes() {
    assertThat(Cli.run("sweep", "recipes.MocoV3Cifar10").errorLine())
        .contains("is not a sweep recipe")
        .contains("vitssl train recipes.MocoV3Cifar10");
    assertThat(Cli.run("sweep").errorLine()).contains("Missing required parameter: 'RECIPE'");
  }

  @Test
  void aClassNameInPlaceOfACommandRunsItsMain() {
    Cli cli = Cli.run("vitssl.cli.TinyRecipe", "--steps", "3");
    assertThat(cli.status()).isZero();
    assertThat(TinyRecipe.Arguments.seen).containsExactly("--steps", "3");
    assertThat(Cli.run("vitssl.cli.NoSuchClass").errorLine())
        .contains("vitssl.cli.NoSuchClass: no such class");
  }

  @Test
  void sweepHandsTheOptionsAndTheRecipesOwnToItsMain() {
    Cli cli =
        Cli.run("sweep", "vitssl.cli.TinySweep", "--steps=4", "--out", "runs/x", "--emit-specs",
            "specs", "--", "--paper");
    assertThat(cli.status()).isZero();
    assertThat(TinyRecipe.Arguments.seen)
        .containsExactly("--out", "runs/x", "--steps", "4", "--emit-specs", "specs", "--paper");
  }
}
