package vitssl.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.backbone.BackboneSpec;

class BackboneFileTest {
  @TempDir Path dir;

  @Test
  void vitNamesAreTimms() {
    try (NDManager manager = NDManager.newBaseManager();
        Encoder encoder = TestEncoders.trained(TestEncoders.tinyVit(), manager, 1)) {
      NDList named = BackboneWeights.named(encoder.backbone().block(), new TimmVitLayout(), manager);
      List<String> block0 =
          List.of(
              "blocks.0.norm1.weight", "blocks.0.norm1.bias",
              "blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias",
              "blocks.0.attn.proj.weight", "blocks.0.attn.proj.bias",
              "blocks.0.norm2.weight", "blocks.0.norm2.bias",
              "blocks.0.mlp.fc1.weight", "blocks.0.mlp.fc1.bias",
              "blocks.0.mlp.fc2.weight", "blocks.0.mlp.fc2.bias");
      assertThat(named.stream().map(NDArray::getName).toList())
          .startsWith("cls_token", "pos_embed", "patch_embed.proj.weight", "patch_embed.proj.bias")
          .containsSubsequence(block0)
          .endsWith("blocks.1.mlp.fc2.bias", "norm.weight", "norm.bias")
          .hasSize(4 + 2 * 12 + 2);
      assertThat(named.get("patch_embed.proj.weight").getShape().getShape())
          .containsExactly(16, 3, 8, 8);
      assertThat(named.get("pos_embed").getShape().getShape()).containsExactly(1, 5, 16);
      assertThat(named.get("blocks.0.attn.qkv.weight").getShape().getShape())
          .containsExactly(48, 16);
      assertThat(named.get("blocks.0.mlp.fc1.weight").getShape().getShape())
          .containsExactly(32, 16);
    }
  }

  @Test
  void resNetNamesAreTorchvisions() {
    try (NDManager manager = NDManager.newBaseManager();
        Encoder encoder = TestEncoders.trained(TestEncoders.resNet18(), manager, 1)) {
      NDList named =
          BackboneWeights.named(encoder.backbone().block(), new TorchvisionResNetLayout(), manager);
      List<String> names = named.stream().map(NDArray::getName).toList();
      // torchvision's resnet18 state_dict has 122 entries without fc (102 arrays, 20 counters)
      assertThat(names).hasSize(120).doesNotHaveDuplicates();
      assertThat(names)
          .contains(
              "conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
              "bn1.num_batches_tracked", "layer1.0.conv1.weight", "layer1.0.bn2.running_var",
              "layer2.0.downsample.0.weight", "layer2.0.downsample.1.num_batches_tracked",
              "layer4.1.conv2.weight", "layer4.1.bn2.bias")
          .noneMatch(name -> name.startsWith("layer1.0.downsample") || name.contains("conv3"));
      assertThat(named.get("layer2.0.conv1.weight").getShape().getShape())
          .containsExactly(128, 64, 3, 3);
    }
  }

  @Test
  void roundTripIsBitExact() {
    for (BackboneSpec spec :
        List.<BackboneSpec>of(
            TestEncoders.tinyVit(), TestEncoders.tinyAveragingVit(), TestEncoders.resNet18())) {
      Path file = dir.resolve(spec.getClass().getSimpleName() + spec.hashCode() + ".safetensors");
      try (NDManager manager = NDManager.newBaseManager();
          Encoder original = TestEncoders.trained(spec, manager, 7)) {
        WeightsCard card = BackboneFile.write(file, original);
        assertThat(Files.isRegularFile(Sidecars.of(file))).isTrue();
        assertThat(card.featureWidth()).isEqualTo(spec.featureWidth());
        try (Encoder copy = BackboneFile.read(file, manager)) {
          assertThat(copy.spec()).isEqualTo(spec);
          assertThat(copy.preprocessing()).isEqualTo(original.preprocessing());
          Map<String, Parameter> want = ParameterPaths.of(original.backbone().block());
          Map<String, Parameter> got = ParameterPaths.of(copy.backbone().block());
          assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
          want.forEach(
              (path, p) ->
                  assertThat(Arrays.equals(got.get(path).getArray().toFloatArray(), p.getArray().toFloatArray()))
                      .as("%s of %s equal after the round trip", path, spec)
                      .isTrue());
          NDArray images = TestEncoders.images(spec, manager, 2);
          assertThat(Arrays.equals(copy.features(images).toFloatArray(), original.features(images).toFloatArray()))
              .as("features equal")
              .isTrue();
        }
      }
    }
  }

  @Test
  void foreignShapesFailNamingTheTensor() {
    Path file = dir.resolve("vit.safetensors");
    try (NDManager manager = NDManager.newBaseManager();
        Encoder vit = TestEncoders.trained(TestEncoders.tinyVit(), manager, 3);
        Encoder wider = TestEncoders.trained(TestEncoders.tinyVit().withWidth(32), manager, 3)) {
      BackboneFile.write(file, vit);
      NDList tensors = SafetensorsFiles.read(file, manager);
      assertThatThrownBy(
              () ->
                  BackboneWeights.load(
                      wider.backbone().block(), new TimmVitLayout(), tensors, "vit.safetensors"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("vit.safetensors does not match")
          .hasMessageContaining("wrong shape cls_token (1, 1, 16) (the backbone has (1, 1, 32))");
      tensors.remove("norm.bias");
      assertThatThrownBy(
              () ->
                  BackboneWeights.load(
                      vit.backbone().block(), new TimmVitLayout(), tensors, "vit.safetensors"))
          .hasMessageContaining("missing norm.bias");
    }
  }

  @Test
  void missingSidecarOrFileFailsInOneLine() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> BackboneFile.read(dir.resolve("none.safetensors"), manager))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no sidecar none.json");
    }
  }
}
