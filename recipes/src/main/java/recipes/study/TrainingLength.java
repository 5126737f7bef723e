package recipes.study;

import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.runner.Sweep;

/**
 * The study's training-length ablation (arXiv 2104.02057): ViT-B/16 300 epochs 76.5, 600 epochs
 * 76.7 (ViT-S/16: 72.5, 73.4). The schedules scale with the run where they are fractions of it.
 * CPU: 300, 600 and 1,200 steps.
 */
public final class TrainingLength {
  private TrainingLength() {}

  public static Experiment base(Scale scale) {
    return scale.base();
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    Experiment base = base(scale);
    List<Span> lengths =
        scale.pick(
            List.of(Span.steps(300), Span.steps(600), Span.steps(1200)),
            List.of(Span.epochs(300), Span.epochs(600)));
    return lengths.stream()
        .map(
            length ->
                StudySweep.variant(
                    length.toString().replace(".0 ", " ").replace(' ', '-'),
                    length.toString(),
                    base.withLength(length)))
        .toList();
  }

  public static void main(String[] args) {
    StudySweep.main("study-training-length", TrainingLength::variants, args);
  }
}
