"""Checks vitssl's embeddings of an image folder against PyTorch's, image files to features.

    python3 embed.py WEIGHTS.safetensors EMBEDDINGS.safetensors

WEIGHTS.safetensors is an exported backbone (export or import wrote it, sidecar beside it);
EMBEDDINGS.safetensors is what `embed --checkpoint WEIGHTS --data DIR --out EMBEDDINGS` wrote. The
script reads the images its sidecar lists, prepares them as a PyTorch user would from the weights'
sidecar (torchvision's Resize(round(size / crop_fraction)), CenterCrop(size), ToTensor, Normalize),
runs the backbone loaded with strict=True, and prints the largest difference from vitssl's rows.
"""
import json
import os
import sys

import torch
from PIL import Image
from torchvision import transforms

import safetensors_io
from features import backbone


def sidecar(path):
    with open(os.path.splitext(path)[0] + ".json") as f:
        return json.load(f)


def main(weights_path, embeddings_path):
    torch.set_num_threads(1)
    view = sidecar(weights_path)["preprocessing"]
    index = sidecar(embeddings_path)
    prepare = transforms.Compose([
        transforms.Resize(round(view["image_size"] / view["crop_fraction"])),
        transforms.CenterCrop(view["image_size"]),
        transforms.ToTensor(),
        transforms.Normalize(view["mean"], view["std"]),
    ])
    images = torch.stack([prepare(Image.open(os.path.join(index["folder"], f)).convert("RGB"))
                          for f in index["files"]])
    with torch.no_grad():
        theirs = backbone(weights_path)(images)
    ours = safetensors_io.read(embeddings_path)["features"]
    print("%d images, features %s: max |vitssl - PyTorch| = %.3g (max |feature| %.3g)"
          % (len(index["files"]), tuple(ours.shape), (ours - theirs).abs().max().item(),
             ours.abs().max().item()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
