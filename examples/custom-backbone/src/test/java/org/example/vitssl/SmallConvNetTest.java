package org.example.vitssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.augment.TwoViews;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.runner.Runner;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.RunResult;
import vitssl.runner.run.Wiring;

/** A backbone from outside the framework, used by an experiment with one extra module. */
class SmallConvNetTest {
  @TempDir Path dir;

  @Test
  void anExperimentTrainsTheThirdPartyBackboneAndItsSpecRoundTrips() throws Exception {
    Path data = images(dir.resolve("images"));
    View view = Views.plain(32).cropMin(0.5).withStatistics(Views.CIFAR10_MEAN, Views.CIFAR10_STD);
    Experiment experiment =
        Experiment.builder()
            .name("small-conv-net")
            .data(ImageFolder.at(data.toString()).withEvalCropFraction(1.0).withHeldOutFraction(0.25))
            .augmentation(TwoViews.of(view, view))
            .backbone(SmallConvNet.defaults().withWidth(8).withStages(2))
            .projector(Mlp.layers(2).withHidden(32).withOut(16))
            .predictor(Mlp.layers(2).withHidden(32).withOut(16))
            .loss(InfoNce.infoNce())
            .momentum(Momentum.cosine(0.99))
            .optimizer(AdamW.baseLr(1e-3))
            .schedule(WarmupConstant.warmup(Span.steps(1)))
            .batchSize(8)
            .steps(4)
            .addMonitors(GradientNorms.everyStep())
            .output(dir.resolve("run").toString())
            .build();

    RunResult result = Runner.run(experiment, RunOptions.none(), new SmallConvNetModule());

    assertThat(result.summary().steps()).isEqualTo(4);
    String spec = Files.readString(dir.resolve("run/spec.json"));
    assertThat(spec).contains("\"type\" : \"small-conv-net\"");
    var json = Wiring.of(new SmallConvNetModule()).json();
    assertThat(json.readExperiment(spec)).isEqualTo(experiment);
    assertThat(Files.readString(dir.resolve("run/metrics.jsonl"))).contains("grad_norm.stage_0", "grad_norm.stage_1");
  }

  @Test
  void withoutItsModuleTheRunnerSaysWhatIsMissing() {
    Experiment experiment =
        Experiment.builder()
            .name("unbound")
            .data(ImageFolder.at(dir.toString()))
            .augmentation(Views.cifar(32))
            .backbone(SmallConvNet.defaults())
            .projector(Mlp.projector())
            .loss(InfoNce.infoNce())
            .momentum(Momentum.cosine(0.99))
            .optimizer(AdamW.baseLr(1e-3))
            .schedule(WarmupConstant.warmup(Span.steps(1)))
            .batchSize(8)
            .steps(1)
            .output(dir.resolve("unbound").toString())
            .build();
    assertThatThrownBy(() -> Runner.run(experiment, RunOptions.none()))
        .hasMessageContaining("no backbone is registered for SmallConvNet")
        .hasMessageContaining("Bindings.backbone(binder(), SmallConvNet.class, factory)")
        .hasMessageNotContaining("Immutable");
  }

  @Test
  void theSpecChecksItself() {
    assertThatThrownBy(() -> SmallConvNet.defaults().withStages(9))
        .hasMessageContaining("SmallConvNet.stages = 9");
  }

  private static Path images(Path root) throws Exception {
    Random random = new Random(3);
    for (int c = 0; c < 2; c++) {
      Path folder = Files.createDirectories(root.resolve("c" + c));
      for (int i = 0; i < 16; i++) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            int v = (c == 0 ? x * 8 : y * 8) + random.nextInt(16);
            image.setRGB(x, y, (Math.min(v, 255) << 16) | (v / 2 << 8) | (255 - Math.min(v, 255)));
          }
        }
        ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
      }
    }
    return root;
  }
}
