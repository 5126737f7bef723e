package vitssl.encoder.command;

import picocli.CommandLine.Command;
import vitssl.encoder.CommandLines;

/** {@code import WEIGHTS --out FILE.safetensors}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a backbone trained elsewhere into vitssl and writes it as export does (safetensors"
          + " and a sidecar holding vitssl's spec), which embed, eval and finetune accept.",
      "WEIGHTS: a moco-v3 checkpoint (torch.save with state_dict module.base_encoder.* /"
          + " module.momentum_encoder.*; read in Java, no Python needed), the DeiT file of"
          + " convert_to_deit.py, a saved state_dict, or a .safetensors in timm's (ViT) or"
          + " torchvision's (ResNet) names. The architecture is read off the names and shapes;"
          + " a ViT with MoCo v3's sin-cos table keeps it fixed. Images are normalised with"
          + " ImageNet's mean and std, resized to the image size / 0.875 and centre-cropped."
    },
    footer = {
      "",
      "Example:",
      "  bin/vitssl vitssl.encoder.command.ImportCommand vit-b-300ep.pth.tar --out vit-b.safetensors"
    })
public final class ImportCommand extends WeightsConversion {
  public static void main(String[] args) {
    System.exit(CommandLines.execute(new ImportCommand(), args));
  }
}
