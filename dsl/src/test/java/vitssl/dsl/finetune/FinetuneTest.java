package vitssl.dsl.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Span;
import vitssl.dsl.SpecJson;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.WarmupCosine;
import vitssl.dsl.optim.WeightDecayScope;

class FinetuneTest {
  /** The polymorphic spec types a fine-tune here holds. */
  private final SpecJson json =
      SpecJson.withTypes(
          List.of(
              Vit.class,
              Cifar10.class,
              AdamW.class,
              WarmupCosine.class));

  static Finetune sample() {
    return Finetune.deit(
        "ft", Cifar10.cifar10(), Vit.cpuTiny(), Views.CIFAR10_MEAN, Views.CIFAR10_STD);
  }

  @Test
  void deitIsMocoV3sTransferRecipe() {
    Finetune f = sample();
    assertThat(f.backbone())
        .isEqualTo(Vit.cpuTiny().withDropPath(0.1).withPatchProjection(PatchProjection.learned()));
    assertThat(f.optimizer())
        .isEqualTo(
            AdamW.baseLr(1.5e-4).weightDecay(0.1).withWeightDecayScope(WeightDecayScope.MATRICES_ONLY));
    assertThat(f.schedule()).isEqualTo(WarmupCosine.warmup(Span.fraction(0.03)));
    assertThat(f.labelSmoothing()).isEqualTo(0.1);
    assertThat(f.batchSize()).isEqualTo(128);
    assertThat(f.length()).isEqualTo(Span.epochs(100));
    // DeiT: 3e-4 per 512 images; 8 GPUs x 128 images gives 6e-4, the same as 1.5e-4 x 1024 / 256.
    assertThat(f.withBatchSize(1024).peakLr()).isEqualTo(3e-4 * 1024 / 512);
    assertThat(f.weights()).isEmpty();
    assertThat(f.layerDecay()).isEmpty();
    assertThat(f.augmentation().jitter().probability()).isZero();
    assertThat(f.augmentation().grayscaleProbability()).isZero();
    assertThat(f.augmentation().mean()).isEqualTo(Views.CIFAR10_MEAN);
    assertThat(f.outputOrDefault()).isEqualTo("runs/ft");
  }

  @Test
  void aResNetKeepsItsBackboneAsItIs() {
    Finetune f =
        Finetune.deit("r", ImageFolder.at("x"), ResNet.cifar18(), Views.CIFAR10_MEAN, Views.CIFAR10_STD);
    assertThat(f.backbone()).isEqualTo(ResNet.cifar18());
  }

  @Test
  void roundTripsThroughJson() {
    for (Finetune f :
        new Finetune[] {
          sample(),
          sample().withWeights("runs/mocov3-cifar10").withLayerDecay(0.65).withSteps(200),
          sample().withOutput("runs/x").withSeed(3).withCheckpointEvery(7).withLogEvery(2)
        }) {
      String text = json.write(f);
      assertThat(json.read(text, Finetune.class)).isEqualTo(f);
    }
    assertThat(json.write(sample().withLayerDecay(0.65))).contains("\"layerDecay\" : 0.65");
  }

  @Test
  void everyValidationNamesTheFieldAndTheFix() {
    Finetune f = sample();
    assertThatThrownBy(() -> f.withLabelSmoothing(1.0))
        .hasMessage("Finetune.labelSmoothing = 1.0: use a weight in [0, 1) (DeiT: 0.1)");
    assertThatThrownBy(() -> f.withLayerDecay(0.0))
        .hasMessage("Finetune.layerDecay = 0.0: use a factor in (0, 1] (BEiT: 0.65)");
    assertThatThrownBy(() -> f.withBatchSize(0))
        .hasMessage("Finetune.batchSize = 0: use 1 or more images");
    assertThatThrownBy(() -> f.withLength(Span.fraction(0.5)))
        .hasMessageStartingWith("Finetune.length = 50.0% of the run: train for a positive");
    assertThatThrownBy(() -> f.withAugmentation(Finetune.deitView(16)))
        .hasMessage(
            "Finetune.augmentation.size = 16: the training view must match backbone.imageSize 32");
    assertThatThrownBy(() -> f.withWeights(" "))
        .hasMessageStartingWith("Finetune.weights = \"\": name a run folder or a checkpoint");
    assertThatThrownBy(() -> f.withName(""))
        .hasMessage("Finetune.name = \"\": give the run a short name");
    assertThatThrownBy(() -> f.withCheckpointEvery(0))
        .hasMessage("Finetune.checkpointEvery = 0: use 1 or more steps");
    assertThatThrownBy(() -> f.withLogEvery(0))
        .hasMessage("Finetune.logEvery = 0: use 1 or more steps");
    assertThatThrownBy(
            () -> f.withAugmentation(f.augmentation().withStatistics(
                List.of(0.5), List.of(0.5))))
        .hasMessageStartingWith("Finetune.augmentation.mean = [0.5]: give one mean and std per");
  }
}
