package recipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.data.ValidationSplit;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.optim.AdamW;
import recipes.study.StudySweep;
import vitssl.runner.Sweep;

/**
 * The framework comparison's tuning: every framework gets the same small budget, its AdamW base
 * learning rate tried at {@link #RATES}, each run a third of the comparison's length on {@link
 * ValidationSplit} of the comparison's data (5,000 training images held out, the rest trained on).
 * The rate with the best kNN top-1 on those held-out training images is the one the comparison
 * uses, so no choice ever sees the test set.
 */
public final class FrameworkTuning {
  /** The base learning rates tried, the recipe's 1e-3 in the middle. */
  public static final List<Double> RATES = List.of(5e-4, 1e-3, 2e-3);

  /** Training images held out to choose the rates. */
  public static final int VALIDATION_IMAGES = 5_000;

  /** A tuning run's length against the comparison's. */
  public static final int LENGTH_DIVISOR = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A framework's rates measured on the validation split, and the one chosen. */
  public record Choice(String framework, double rate, Map<Double, Double> knnByRate) {
    /** "base lr 1e-3 (validation kNN: 5e-4 40.10, 1e-3 42.30, 2e-3 41.00)". */
    public String describe() {
      StringBuilder text = new StringBuilder("base lr " + StudySweep.rate(rate) + " (validation kNN:");
      knnByRate.forEach((r, knn) -> text.append(String.format(Locale.ROOT, " %s %.2f,", StudySweep.rate(r), knn)));
      return text.substring(0, text.length() - 1) + ")";
    }
  }

  private FrameworkTuning() {}

  /** A tuning variant's name: {@code mocov3-lr-1e-3}. */
  static String name(String framework, double rate) {
    return framework + "-lr-" + StudySweep.rate(rate);
  }

  /**
   * One variant per framework and rate: the comparison's variant ({@code sized}, its length as the
   * command line sets it) on the validation split, at that rate, a third as long, with a kNN
   * evaluation only.
   */
  public static List<Sweep.Variant> variants(List<Sweep.Variant> comparison) {
    List<Sweep.Variant> variants = new ArrayList<>();
    for (Sweep.Variant framework : comparison) {
      Experiment e = framework.experiment();
      AdamW adamW = (AdamW) e.optimizer(); // every framework of the comparison trains with AdamW
      for (double rate : RATES) {
        String name = name(framework.name(), rate);
        Experiment tuning =
            shorter(e)
                .withData(ValidationSplit.of(e.data(), VALIDATION_IMAGES))
                .withOptimizer(adamW.withBaseLr(rate))
                .withEvaluation(Evaluation.knn())
                .withName(name);
        variants.add(new Sweep.Variant(name, tuning, framework.name() + ", base lr " + StudySweep.rate(rate)));
      }
    }
    return variants;
  }

  private static Experiment shorter(Experiment e) {
    Span length = e.length();
    return switch (length.unit()) {
      case STEPS -> e.withSteps(Math.max(1, Math.round(length.amount() / LENGTH_DIVISOR)));
      case EPOCHS -> e.withEpochs(length.amount() / LENGTH_DIVISOR);
      case FRACTION -> throw new IllegalStateException("a run's length is steps or epochs");
    };
  }

  /**
   * Each framework's best rate by the validation kNN in the tuning sweep's folder; empty while
   * any tuning run has no summary yet.
   */
  public static Optional<List<Choice>> choices(List<Sweep.Variant> comparison, Path tuningFolder) {
    List<Choice> choices = new ArrayList<>();
    for (Sweep.Variant framework : comparison) {
      Map<Double, Double> knn = new java.util.TreeMap<>();
      for (double rate : RATES) {
        Path summary = tuningFolder.resolve(name(framework.name(), rate)).resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
          return Optional.empty();
        }
        knn.put(rate, knnTop1(summary));
      }
      double best =
          knn.entrySet().stream().max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow().getKey();
      choices.add(new Choice(framework.name(), best, knn));
    }
    return Optional.of(choices);
  }

  /** The comparison's variants, each framework at its chosen rate. */
  public static List<Sweep.Variant> tuned(List<Sweep.Variant> comparison, List<Choice> choices) {
    List<Sweep.Variant> tuned = new ArrayList<>();
    for (int i = 0; i < comparison.size(); i++) {
      Sweep.Variant framework = comparison.get(i);
      Choice choice = choices.get(i);
      AdamW adamW = (AdamW) framework.experiment().optimizer();
      tuned.add(
          new Sweep.Variant(
              framework.name(),
              framework.experiment().withOptimizer(adamW.withBaseLr(choice.rate())),
              choice.describe()));
    }
    return tuned;
  }

  private static double knnTop1(Path summary) {
    try {
      return JSON.readTree(summary.toFile()).path("knn_top1").asDouble(Double.NaN);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + summary + ": " + e.getMessage(), e);
    }
  }
}
