"""Checks vitssl's embeddings of an image folder against PyTorch's, image files to features.

    python3 embed.py WEIGHTS.safetensors EMBEDDINGS.safetensors

WEIGHTS.safetensors is an exported backbone (export or import wrote it, sidecar beside it);
EMBEDDINGS.safetensors is what `embed --checkpoint WEIGHTS --data DIR --out EMBEDDINGS` wrote. The
script reads the images its sidecar lists, prepares them from the weights' sidecar with torchvision
(Resize(round(size / crop_fraction)), CenterCrop(size), ToTensor, Normalize), runs the backbone
loaded with strict=True, and prints the largest difference from vitssl's rows: once with Pillow
resizing the 8-bit image (which rounds the resized pixels to 8 bits, up to half a grey level off
vitssl's float resize) and once resizing the float image with the same filter.
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
    size = round(view["image_size"] / view["crop_fraction"])
    normalise = [transforms.CenterCrop(view["image_size"]), transforms.Normalize(view["mean"], view["std"])]
    # As most PyTorch code does it: Pillow resizes the 8-bit image, rounding it to 8 bits again.
    pillow = transforms.Compose([transforms.Resize(size), transforms.ToTensor()] + normalise)
    # The same filter on the float image, as vitssl resizes: no rounding in between.
    floats = transforms.Compose([transforms.ToTensor(), transforms.Resize(size, antialias=True)] + normalise)
    files = [Image.open(os.path.join(index["folder"], f)).convert("RGB") for f in index["files"]]
    model = backbone(weights_path)
    ours = safetensors_io.read(embeddings_path)["features"]
    for name, prepare in (("Pillow's 8-bit resize", pillow), ("float resize", floats)):
        with torch.no_grad():
            theirs = model(torch.stack([prepare(image) for image in files]))
        print("%d images, features %s, %s: max |vitssl - PyTorch| = %.3g (max |feature| %.3g)"
              % (len(files), tuple(ours.shape), name, (ours - theirs).abs().max().item(),
                 ours.abs().max().item()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
