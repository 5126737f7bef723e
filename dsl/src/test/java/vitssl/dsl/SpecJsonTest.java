package vitssl.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.augment.MultiCrop;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.eval.LinearProbe;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.loss.Swav;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.monitor.MatmulProbe;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.dsl.optim.WarmupCosine;

public class SpecJsonTest {
  /** The polymorphic spec types these tests write; a run's codec takes its modules' bindings. */
  public static final List<Class<?>> TYPES =
      List.of(
          Vit.class,
          Mlp.class,
          InfoNce.class,
          AdamW.class,
          WarmupCosine.class,
          WarmupConstant.class,
          Cifar10.class,
          ImageFolder.class,
          Knn.class,
          GradientNorms.class,
          MatmulProbe.class,
          Swav.class);

  private final SpecJson json = SpecJson.withTypes(TYPES);

  public static Experiment sample() {
    return Experiment.builder()
        .name("sample")
        .data(Cifar10.cifar10())
        .augmentation(Views.cifar(32))
        .backbone(Vit.cpuTiny())
        .projector(Mlp.projector().withHidden(512))
        .predictor(Mlp.predictor().withHidden(512))
        .loss(InfoNce.infoNce())
        .momentum(Momentum.cosine(0.99))
        .optimizer(AdamW.baseLr(1.5e-4))
        .schedule(WarmupCosine.warmupEpochs(40))
        .batchSize(128)
        .steps(100)
        .addMonitors(Knn.every(50), GradientNorms.everyStep())
        .evaluation(Evaluation.knnAndProbe(LinearProbe.defaults()))
        .build();
  }

  @Test
  void experimentRoundTripsThroughJson() {
    Experiment e = sample();
    String text = json.write(e);
    assertThat(text).contains("\"type\" : \"vit\"", "\"type\" : \"frozen-random\"", "\"type\" : \"knn\"");
    assertThat(json.readExperiment(text)).isEqualTo(e);
  }

  @Test
  void everyVariantRoundTrips() {
    List<Object> specs =
        List.of(
            Vit.base().withPatchProjection(PatchProjection.learned()),
            Vit.small().withPatchProjection(PatchProjection.clipped(0.5)),
            Vit.large().withPositionEmbedding(PositionEmbedding.LEARNED).withPooling(Pooling.GLOBAL_AVERAGE),
            Vit.huge().withPositionEmbedding(PositionEmbedding.NONE).withPooling(Pooling.AVERAGE_WITH_FINAL_NORM),
            Mlp.layers(2).withBatchNorm(false).withLastBatchNorm(false),
            InfoNce.infoNce().temperature(1.0),
            AdamW.baseLr(1e-3).weightDecay(0.05),
            WarmupConstant.warmup(Span.fraction(0.05)),
            WarmupConstant.warmup(Span.steps(10)).withCooldown(Span.fraction(0.25)),
            MultiCrop.of(Views.byolAsymmetric(224).views(), Views.plain(96).cropMin(0.05), 6),
            ImageFolder.at("/data/imagenet").withHeldOutFraction(0.2),
            Cifar10.cifar10().withCacheDir("/tmp/cache"),
            Knn.every(1).withK(20).withBankSize(1000),
            MatmulProbe.every(5).withSize(512),
            Momentum.constant(0.999),
            LinearProbe.defaults().withEpochs(10),
            Evaluation.knnAndProbe(LinearProbe.defaults()).withKnnK(20).withKnnTemperature(0.07),
            Span.epochs(2.5));
    for (Object spec : specs) {
      Class<?> readAs = spec.getClass().getSuperclass();
      Object back = json.read(json.write(spec), readAs);
      assertThat(back).as(readAs.getSimpleName()).isEqualTo(spec);
    }
  }

  @Test
  void readingAJsonWithABadValueFailsWithTheSpecMessage() {
    String text = json.write(sample()).replace("\"temperature\" : 0.2", "\"temperature\" : -1.0");
    assertThatThrownBy(() -> json.readExperiment(text))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("InfoNce.temperature = -1.0");
  }

  @Test
  void aMatmulProbeNamesTheFieldItRejects() {
    assertThatThrownBy(() -> MatmulProbe.every(0))
        .hasMessageContaining("MatmulProbe.every = 0")
        .hasMessageContaining("every 1 or more");
    assertThatThrownBy(() -> MatmulProbe.every(1).withSize(8))
        .hasMessageContaining("MatmulProbe.size = 8")
        .hasMessageContaining("64 to 8192");
  }

  @Test
  void unknownTypeNameIsAClearError() {
    String text = json.write(sample()).replace("\"type\" : \"vit\"", "\"type\" : \"vitt\"");
    assertThatThrownBy(() -> json.readExperiment(text))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("vitt")
        .hasMessageContaining("\"type\"");
  }
}
