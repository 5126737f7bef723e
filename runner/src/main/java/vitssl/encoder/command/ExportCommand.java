package vitssl.encoder.command;

import picocli.CommandLine.Command;
import vitssl.encoder.CommandLines;

/** {@code export RUN_DIR|CHECKPOINT --out FILE.safetensors}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a trained backbone alone, in the format the field loads: safetensors with timm's"
          + " parameter names for a ViT (patch_embed.proj, cls_token, pos_embed, blocks.N.attn.qkv,"
          + " ...: what moco-v3's convert_to_deit.py writes) or torchvision's for a ResNet (conv1,"
          + " bn1, layer1.0.conv1, ...), and a JSON sidecar NAME.json (architecture, image and"
          + " patch size, width, depth, heads, pooling, normalisation mean/std, vitssl's spec).",
      "The projector, predictor and key encoder stay behind."
    },
    footer = {
      "",
      "Example:",
      "  bin/vitssl vitssl.encoder.command.ExportCommand runs/mocov3-cifar10 --out vit.safetensors",
      "Load it in PyTorch: scripts/pytorch/features.py (strict=True)."
    })
public final class ExportCommand extends WeightsConversion {
  public static void main(String[] args) {
    System.exit(CommandLines.execute(new ExportCommand(), args));
  }
}
