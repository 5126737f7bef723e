package vitssl.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;
import vitssl.weights.torch.MocoV3Encoder;
import vitssl.weights.torch.StateDicts;
import vitssl.weights.torch.TorchArchive;

/**
 * moco-v3 checkpoints written by PyTorch ({@code scripts/pytorch/moco_v3_checkpoint.py}) read in
 * Java alone give PyTorch's features. The tiny ViT's checkpoint and PyTorch's features of it are
 * committed under {@code src/test/resources/moco-v3}, so that test always runs; the ResNet-18's
 * (90 MB) is written at test time where PyTorch is installed.
 */
class MocoV3ImportTest {
  static final Path FIXTURES = Path.of("src", "test", "resources", "moco-v3");

  @TempDir Path dir;

  @Test
  void vitBaseAndMomentumEncodersGivePyTorchsFeatures() {
    Path checkpoint = FIXTURES.resolve("vit_tiny.pth.tar");
    Path reference = FIXTURES.resolve("vit_tiny-reference.safetensors");
    ImportedWeights.Options heads = new ImportedWeights.Options(OptionalInt.of(2), OptionalInt.empty());
    try (NDManager manager = NDManager.newBaseManager();
        TorchArchive archive = TorchArchive.open(checkpoint)) {
      NDList expected = SafetensorsFiles.read(reference, manager);
      for (MocoV3Encoder which : MocoV3Encoder.values()) {
        NDList tensors = StateDicts.backbone(archive, which, manager);
        assertThat(tensors.stream().map(NDArray::getName))
            .contains("cls_token", "pos_embed", "blocks.1.mlp.fc2.bias", "norm.weight")
            .noneMatch(name -> name.startsWith("head") || name.contains("encoder"));
        try (Encoder encoder = ImportedWeights.encoder(tensors, heads, checkpoint.toString(), manager)) {
          Vit spec = (Vit) encoder.spec();
          assertThat(spec)
              .isEqualTo(
                  Vit.of(16, 2, 2)
                      .withImageSize(16)
                      .withPatchSize(8)
                      .withMlpRatio(2.0)
                      .withPositionEmbedding(PositionEmbedding.SIN_COS));
          double diff =
              maxDiff(encoder, expected.get("images"), expected.get(which.module().replace("_encoder", "_features")));
          System.out.printf("moco-v3 ViT %s encoder: max |vitssl - PyTorch| = %.3g%n", which, diff);
          assertThat(diff).isLessThan(PyTorchAgreementTest.TOLERANCE);
        }
      }
    }
  }

  @Test
  void resNet18GivesPyTorchsFeatures() throws Exception {
    assumeTrue(PythonTorch.interpreter().isPresent(), PythonTorch.ABSENT);
    PythonTorch.run("moco_v3_checkpoint.py", "resnet18", dir.toString());
    Path checkpoint = dir.resolve("resnet18.pth.tar");
    try (NDManager manager = NDManager.newBaseManager();
        TorchArchive archive = TorchArchive.open(checkpoint)) {
      NDList expected = SafetensorsFiles.read(dir.resolve("resnet18-reference.safetensors"), manager);
      NDList tensors = StateDicts.backbone(archive, MocoV3Encoder.BASE, manager);
      try (Encoder encoder =
          ImportedWeights.encoder(tensors, ImportedWeights.Options.none(), "resnet18", manager)) {
        assertThat(encoder.spec()).isEqualTo(ResNet.r18());
        double diff = maxDiff(encoder, expected.get("images"), expected.get("base_features"));
        System.out.printf("moco-v3 ResNet-18 base encoder: max |vitssl - PyTorch| = %.3g%n", diff);
        assertThat(diff).isLessThan(PyTorchAgreementTest.TOLERANCE);
      }
    }
  }

  @Test
  void foreignFilesFailInOneLine() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.pth"), "not a checkpoint");
    assertThatThrownBy(() -> TorchArchive.open(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a zip archive");
    assertThatThrownBy(() -> TorchArchive.open(dir.resolve("absent.pth")))
        .hasMessageContaining("is not a file");
    try (NDManager manager = NDManager.newBaseManager();
        TorchArchive archive = TorchArchive.open(FIXTURES.resolve("vit_tiny.pth.tar"))) {
      NDList tensors = StateDicts.backbone(archive, MocoV3Encoder.BASE, manager);
      assertThatThrownBy(
              () -> ImportedWeights.encoder(tensors, ImportedWeights.Options.none(), "x", manager))
          .hasMessageContaining("a ViT of width 16 has no standard head count: give --heads");
    }
  }

  private static double maxDiff(Encoder encoder, NDArray images, NDArray theirs) {
    NDArray ours = encoder.features(images);
    assertThat(ours.getShape()).isEqualTo(theirs.getShape());
    assertThat(ours.abs().max().getFloat()).as("features are not all zero").isGreaterThan(0.1f);
    return ours.sub(theirs).abs().max().getFloat();
  }
}
