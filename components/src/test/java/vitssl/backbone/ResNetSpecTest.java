package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vitssl.dsl.SpecException;
import vitssl.dsl.SpecJson;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.ResNetBlock;
import vitssl.dsl.backbone.ResNetStem;

class ResNetSpecTest {

  @Test
  void presetsFollowTorchvisionAndTheCifarVariant() {
    ResNet r50 = ResNet.r50();
    ResNet cifar = ResNet.cifar18();

    assertThat(r50.block()).isEqualTo(ResNetBlock.BOTTLENECK);
    assertThat(r50.stageDepths()).containsExactly(3, 4, 6, 3);
    assertThat(r50.stem()).isEqualTo(ResNetStem.IMAGENET);
    assertThat(r50.imageSize()).isEqualTo(224);
    assertThat(r50.channels()).isEqualTo(3);
    assertThat(r50.zeroInitLastBnGamma()).isFalse();
    assertThat(r50.featureWidth()).isEqualTo(2048);
    assertThat(r50.stageOutput(0)).isEqualTo(256);
    assertThat(cifar.block()).isEqualTo(ResNetBlock.BASIC);
    assertThat(cifar.stageDepths()).containsExactly(2, 2, 2, 2);
    assertThat(cifar.stem()).isEqualTo(ResNetStem.CIFAR);
    assertThat(cifar.imageSize()).isEqualTo(32);
    assertThat(cifar.featureWidth()).isEqualTo(512);
    assertThat(ResNet.r101().stageDepths()).containsExactly(3, 4, 23, 3);
  }

  @Test
  void everyVariantRoundTripsThroughJson() {
    SpecJson json = SpecJson.withTypes(List.of(ResNet.class));
    for (ResNet spec :
        List.of(
            ResNet.r50(),
            ResNet.cifar18().withZeroInitLastBnGamma(true),
            ResNet.of(ResNetBlock.BASIC, 1).withChannels(1).withBaseWidth(8).withImageSize(12))) {
      String text = json.write(spec);

      assertThat(text).contains("\"type\" : \"resnet\"");
      assertThat(json.read(text, BackboneSpec.class)).isEqualTo(spec);
    }
  }

  @Test
  void readsAHandWrittenSpecWithDefaults() {
    String text =
        "{\"type\": \"resnet\", \"block\": \"BOTTLENECK\", \"stageDepths\": [3, 4, 6, 3]}";

    assertThat(SpecJson.withTypes(List.of(ResNet.class)).read(text, BackboneSpec.class))
        .isEqualTo(ResNet.r50());
  }

  @Test
  void eachInvalidFieldIsNamedWithItsValueAndTheFix() {
    assertRejected(
        () -> ResNet.of(ResNetBlock.BASIC), "ResNet.stageDepths = []: give one to six stages");
    assertRejected(
        () -> ResNet.of(ResNetBlock.BASIC, 2, 0),
        "ResNet.stageDepths = [2, 0]: every stage needs at least one block");
    assertRejected(
        () -> ResNet.of(ResNetBlock.BASIC, 1, 1, 1, 1, 1, 1, 1),
        "ResNet.stageDepths = [1, 1, 1, 1, 1, 1, 1]: give one to six stages");
    assertRejected(() -> ResNet.r50().withBaseWidth(0), "ResNet.baseWidth = 0: use a positive");
    assertRejected(() -> ResNet.r50().withImageSize(-1), "ResNet.imageSize = -1: use a positive");
    assertRejected(() -> ResNet.r50().withChannels(2), "ResNet.channels = 2: use 3 (RGB)");
  }

  private static void assertRejected(Supplier<ResNet> build, String message) {
    assertThatThrownBy(build::get)
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith(message);
  }
}
