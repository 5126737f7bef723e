package vitssl.weights;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.ResNetBlock;
import vitssl.dsl.backbone.ResNetStem;
import vitssl.dsl.backbone.Vit;

/**
 * The vitssl spec of weights in timm's or torchvision's layout, read off their names and shapes.
 * Two things the shapes do not tell: a ViT's head count (given, or moco-v3's for its width:
 * ViT-S 384 has 12 heads, B 768 12, L 1024 16, H 1280 16) and a ResNet's image size (given, or
 * 224 for the ImageNet stem and 32 for the CIFAR one). A ViT's table comes out {@link
 * PositionEmbedding#LEARNED}; {@link ImportedWeights} recognises MoCo v3's fixed sin-cos one.
 */
final class SpecFromWeights {
  private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*");
  private static final Pattern STAGE_BLOCK = Pattern.compile("layer(\\d+)\\.(\\d+)\\..*");

  private SpecFromWeights() {}

  static BackboneSpec infer(Map<String, Shape> shapes, OptionalInt heads, OptionalInt imageSize) {
    if (shapes.containsKey("patch_embed.proj.weight")) {
      return vit(shapes, heads);
    }
    if (shapes.containsKey("conv1.weight") && shapes.containsKey("layer1.0.conv1.weight")) {
      return resNet(shapes, imageSize);
    }
    throw new IllegalArgumentException(
        "the weights are neither a timm ViT (no patch_embed.proj.weight) nor a torchvision ResNet"
            + " (no conv1.weight and layer1.0.conv1.weight): give a ViT or ResNet backbone");
  }

  private static Vit vit(Map<String, Shape> shapes, OptionalInt givenHeads) {
    Shape patch = shapes.get("patch_embed.proj.weight");
    int width = (int) patch.get(0);
    int patchSize = (int) patch.get(2);
    int depth = 1 + max(shapes, BLOCK, 1);
    Shape fc1 = require(shapes, "blocks.0.mlp.fc1.weight");
    boolean classToken = shapes.containsKey("cls_token");
    Pooling pooling =
        classToken
            ? Pooling.CLASS_TOKEN
            : shapes.containsKey("norm.weight") ? Pooling.AVERAGE_WITH_FINAL_NORM : Pooling.GLOBAL_AVERAGE;
    int heads = givenHeads.orElseGet(() -> mocoV3Heads(width));
    Shape positions = shapes.get("pos_embed");
    int grid =
        positions == null
            ? 1
            : (int) Math.round(Math.sqrt(positions.get(1) - (classToken ? 1 : 0)));
    if (positions == null) {
      throw new IllegalArgumentException(
          "the ViT has no pos_embed, so its image size is unknown: vitssl imports ViTs with a"
              + " position embedding");
    }
    return Vit.of(width, depth, heads)
        .withChannels((int) patch.get(1))
        .withPatchSize(patchSize)
        .withImageSize(grid * patchSize)
        .withMlpRatio(fc1.get(0) / (double) width)
        .withQkvBias(shapes.containsKey("blocks.0.attn.qkv.bias"))
        .withPooling(pooling)
        .withPositionEmbedding(PositionEmbedding.LEARNED);
  }

  private static int mocoV3Heads(int width) {
    return switch (width) {
      case 384, 768 -> 12;
      case 1024, 1280 -> 16;
      default ->
          throw new IllegalArgumentException(
              "a ViT of width " + width + " has no standard head count: give --heads");
    };
  }

  private static ResNet resNet(Map<String, Shape> shapes, OptionalInt imageSize) {
    Shape stem = shapes.get("conv1.weight");
    int stages = max(shapes, STAGE_BLOCK, 1);
    ResNetBlock block =
        shapes.containsKey("layer1.0.conv3.weight") ? ResNetBlock.BOTTLENECK : ResNetBlock.BASIC;
    int[] depths = new int[stages];
    for (int s = 1; s <= stages; s++) {
      String prefix = "layer" + s + ".";
      Pattern inStage = Pattern.compile("layer" + s + "\\.(\\d+)\\..*");
      depths[s - 1] = 1 + max(shapes, inStage, 1);
      if (shapes.keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
        throw new IllegalArgumentException("the ResNet has no " + prefix + "* weights");
      }
    }
    ResNetStem kind = stem.get(2) == 7 ? ResNetStem.IMAGENET : ResNetStem.CIFAR;
    return ResNet.of(block, depths)
        .withChannels((int) stem.get(1))
        .withBaseWidth((int) stem.get(0))
        .withStem(kind)
        .withImageSize(imageSize.orElse(kind == ResNetStem.IMAGENET ? 224 : 32));
  }

  private static Shape require(Map<String, Shape> shapes, String name) {
    Shape shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalArgumentException("the weights lack " + name);
    }
    return shape;
  }

  /** The largest number the pattern's group captures over all names, or -1. */
  private static int max(Map<String, Shape> shapes, Pattern pattern, int group) {
    int max = -1;
    for (String name : shapes.keySet()) {
      Matcher m = pattern.matcher(name);
      if (m.matches()) {
        max = Math.max(max, Integer.parseInt(m.group(group)));
      }
    }
    return max;
  }
}
