package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.dsl.compute.Compute;
import vitssl.dsl.compute.Precision;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.TinyRuns;
import vitssl.runner.run.Wiring;

/**
 * A tiny MoCo v3 model trained in bf16 (backbone in bfloat16 over fp32 master weights, heads and
 * loss in fp32) follows the fp32 run over 50 steps that cycle through four fixed batches: the
 * first loss is within {@link #FIRST_LOSS} of fp32's (one forward pass of rounding), every pass
 * over the four batches has a mean loss within {@link #PASS_MEAN} of fp32's (relative; single
 * steps drift apart, as two fp32 runs on different hardware do), and the loss falls as fp32's
 * does.
 */
class MixedPrecisionTest {
  private static final int STEPS = 50;
  private static final int BATCHES = 4;
  private static final double LR = 1e-3;
  /** bfloat16 keeps 8 bits of mantissa: about 0.4% per rounding. */
  private static final double FIRST_LOSS = 0.02;
  private static final double PASS_MEAN = 0.15;

  @Test
  void bf16TracksFp32AndLearns() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    Experiment e = TinyRuns.experiment(Path.of("unused"), Path.of("unused"));
    List<Double> fp32 = losses(e, components);
    List<Double> bf16 = losses(e.withCompute(Compute.defaults().withPrecision(Precision.BF16)), components);
    assertThat(bf16).allMatch(Double::isFinite);
    assertThat(bf16.get(0)).isCloseTo(fp32.get(0), offset(FIRST_LOSS));
    assertThat(bf16.get(0)).as("the backbone computed in bf16").isNotEqualTo(fp32.get(0));
    double worst = 0;
    for (int start = 0; start + BATCHES <= STEPS; start += BATCHES) {
      double a = mean(fp32.subList(start, start + BATCHES));
      double b = mean(bf16.subList(start, start + BATCHES));
      worst = Math.max(worst, Math.abs(b - a) / a);
    }
    double firstPass = mean(bf16.subList(0, BATCHES));
    double lastPass = mean(bf16.subList(STEPS - 2 - BATCHES, STEPS - 2));
    System.out.printf(
        "first loss fp32 %.4f bf16 %.4f; pass means fp32 %.4f -> %.4f, bf16 %.4f -> %.4f;"
            + " largest relative difference of a pass mean %.3f%n",
        fp32.get(0), bf16.get(0), mean(fp32.subList(0, BATCHES)),
        mean(fp32.subList(STEPS - 2 - BATCHES, STEPS - 2)), firstPass, lastPass, worst);
    assertThat(worst).isLessThan(PASS_MEAN);
    assertThat(lastPass).as("bf16 learns").isLessThan(firstPass / 2);
  }

  private static List<Double> losses(Experiment e, Components components) {
    return SyntheticTraining.train(e, components, Device.cpu(), STEPS, LR, BATCHES, Optional.empty())
        .losses();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
