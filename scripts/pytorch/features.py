"""Features of an exported vitssl backbone computed by PyTorch.

    python3 features.py WEIGHTS.safetensors IMAGES.safetensors OUT.safetensors

WEIGHTS.safetensors has timm's (ViT) or torchvision's (ResNet) names, beside its JSON sidecar
WEIGHTS.json; IMAGES.safetensors holds "images" [B, C, S, S], already normalised. The backbone
loads with strict=True (every name present, none left over); a ResNet is torchvision's own class.
OUT.safetensors gets "features" [B, D].
"""
import json
import os
import sys

import torch
import torchvision
from torch import nn

import safetensors_io
from timm_vit import VisionTransformer


TORCHVISION = {("basic", (2, 2, 2, 2)): torchvision.models.resnet18,
               ("basic", (3, 4, 6, 3)): torchvision.models.resnet34,
               ("bottleneck", (3, 4, 6, 3)): torchvision.models.resnet50,
               ("bottleneck", (3, 4, 23, 3)): torchvision.models.resnet101}


def resnet(card):
    """torchvision's resnet18/34/50/101 where the shape is one of them, else its ResNet class."""
    shape = card["resnet"]
    if shape["base_width"] != 64:
        raise SystemExit("torchvision's ResNet has base width 64, the file has %d" % shape["base_width"])
    named = TORCHVISION.get((shape["block"], tuple(shape["stage_depths"])))
    if named is not None:
        model = named(weights=None)
    else:
        block = {"basic": torchvision.models.resnet.BasicBlock,
                 "bottleneck": torchvision.models.resnet.Bottleneck}[shape["block"]]
        model = torchvision.models.resnet.ResNet(block, shape["stage_depths"])
    model.fc = nn.Identity()
    if shape["stem"] == "cifar":
        model.conv1 = nn.Conv2d(card["channels"], 64, kernel_size=3, stride=1, padding=1, bias=False)
        model.maxpool = nn.Identity()
    return model


def backbone(weights_path):
    with open(os.path.splitext(weights_path)[0] + ".json") as f:
        card = json.load(f)
    model = VisionTransformer.from_card(card) if card["architecture"] == "vit" else resnet(card)
    model.load_state_dict(safetensors_io.read(weights_path), strict=True)
    return model.eval()


def main(weights_path, images_path, out_path):
    torch.set_num_threads(1)
    model = backbone(weights_path)
    images = safetensors_io.read(images_path)["images"]
    with torch.no_grad():
        features = model(images)
    safetensors_io.write(out_path, {"features": features})
    print("features", tuple(features.shape))


if __name__ == "__main__":
    main(*sys.argv[1:4])
