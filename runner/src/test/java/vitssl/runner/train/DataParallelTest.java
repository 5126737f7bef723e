package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vitssl.dsl.Experiment;
import vitssl.dsl.Framework;
import vitssl.dsl.Frameworks;
import vitssl.dsl.Span;
import vitssl.dsl.compute.Compute;
import vitssl.dsl.loss.Swav;
import vitssl.dsl.optim.Lars;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.TinyRuns;
import vitssl.runner.run.Wiring;

/**
 * N replicas sharing the CPU train exactly as one replica on the whole batch: the batch split
 * into shards, the backbones run per shard, the features gathered for the heads (whose BatchNorm
 * then sees the whole batch) and the loss (which sees every negative), the gradients summed, one
 * update, the weights copied back. After several steps every parameter, the key encoder's and the
 * heads' BatchNorm statistics included, equals the one-replica run's up to float rounding.
 *
 * <p>The optimizer is LARS (SGD with momentum and a trust ratio per weight matrix): some
 * parameters' exact gradient is zero (the attention's key bias shifts every score of a query
 * alike, which the softmax ignores), so their computed gradient is rounding noise, and AdamW's
 * division by its own running scale would turn that noise into full-size steps of either sign.
 */
class DataParallelTest {
  private static final int STEPS = 3;
  private static final double LR = 0.05;
  /** Rounding differs (shards are separate matrix products, gradients are summed in another order). */
  private static final double TOLERANCE = 2e-6;

  private static Experiment experiment(String framework) {
    Experiment tiny = TinyRuns.experiment(Path.of("unused"), Path.of("unused")).withBatchSize(8);
    Framework f =
        switch (framework) {
          case "mocov3" -> Frameworks.mocoV3();
          case "simclr" -> Frameworks.simclr();
          case "byol" -> Frameworks.byol();
          case "swav" -> Frameworks.swav(2);
          default -> throw new IllegalArgumentException(framework);
        };
    Experiment e = tiny.with(f).withOptimizer(Lars.baseLr(0.3));
    if (framework.equals("swav")) {
      e = e.withLoss(Swav.swav().withPrototypes(10).withFreezePrototypes(Span.steps(1)));
    }
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mocov3", "simclr", "byol", "swav"})
  void replicasOnTheCpuTrainAsOneReplicaOnTheWholeBatch(String framework) {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    Experiment e = experiment(framework);
    SyntheticTraining.Outcome one = SyntheticTraining.train(e, components, STEPS, LR);
    for (int replicas : new int[] {2, 4}) {
      SyntheticTraining.Outcome split =
          SyntheticTraining.train(e.withCompute(Compute.cpuReplicas(replicas)), components, STEPS, LR);
      double difference = SyntheticTraining.maxDifference(one, split);
      System.out.printf(
          "%s, %d replicas: losses %s vs %s, largest parameter difference %.3g%n",
          framework, replicas, one.losses(), split.losses(), difference);
      assertThat(split.losses()).hasSize(STEPS);
      for (int s = 0; s < STEPS; s++) {
        assertThat(split.losses().get(s)).isCloseTo(one.losses().get(s), offset(1e-5));
      }
      assertThat(difference).as(framework + " with " + replicas + " replicas").isLessThan(TOLERANCE);
    }
  }
}
