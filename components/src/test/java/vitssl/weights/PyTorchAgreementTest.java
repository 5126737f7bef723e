package vitssl.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.Vit;

/**
 * Exported backbones loaded into PyTorch with strict key matching (timm's names for a ViT through
 * {@code scripts/pytorch/timm_vit.py}, torchvision's own {@code resnet18}) give vitssl's features
 * on the same images. Opt-in: skipped where no python3 imports torch.
 */
class PyTorchAgreementTest {
  static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  @BeforeAll
  static void needsPyTorch() {
    assumeTrue(PythonTorch.interpreter().isPresent(), PythonTorch.ABSENT);
  }

  @Test
  void vitWithClassTokenAndSinCos() throws Exception {
    assertAgrees(Vit.cpuTiny(), "vit-cpu-tiny");
  }

  @Test
  void vitWithAveragePoolingAndLearnedPositions() throws Exception {
    assertAgrees(TestEncoders.tinyAveragingVit(), "vit-average");
  }

  @Test
  void resNet18() throws Exception {
    assertAgrees(TestEncoders.resNet18(), "resnet18");
  }

  private void assertAgrees(BackboneSpec spec, String name) throws Exception {
    Path weights = dir.resolve(name + ".safetensors");
    Path images = dir.resolve(name + "-images.safetensors");
    Path torchFeatures = dir.resolve(name + "-features.safetensors");
    try (NDManager manager = NDManager.newBaseManager();
        Encoder encoder = TestEncoders.trained(spec, manager, 11)) {
      BackboneFile.write(weights, encoder);
      NDArray batch = TestEncoders.images(spec, manager, 4);
      batch.setName("images");
      SafetensorsFiles.write(images, new NDList(batch));
      PythonTorch.run("features.py", weights.toString(), images.toString(), torchFeatures.toString());
      NDArray theirs = SafetensorsFiles.read(torchFeatures, manager).get("features");
      NDArray ours = encoder.features(batch);
      assertThat(theirs.getShape()).isEqualTo(ours.getShape());
      double maxDiff = ours.sub(theirs).abs().max().getFloat();
      System.out.printf(
          "%s: max |vitssl - PyTorch| = %.3g over %s features (max |feature| %.3g)%n",
          name, maxDiff, ours.getShape(), ours.abs().max().getFloat());
      assertThat(maxDiff).isLessThan(TOLERANCE);
    }
  }
}
