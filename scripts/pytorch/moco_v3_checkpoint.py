"""Writes a checkpoint in moco-v3's format, and PyTorch's features of its encoders, for the import test.

    python3 moco_v3_checkpoint.py vit_tiny|resnet18 OUT_DIR

OUT_DIR/<arch>.pth.tar is what moco-v3's main_moco.py saves: torch.save({'epoch', 'arch',
'state_dict', 'optimizer', 'scaler'}) with the model wrapped as DistributedDataParallel wraps it,
so the state dict's keys are module.base_encoder.*, module.momentum_encoder.* and
module.predictor.*; the encoders carry moco-v3's projector as head (ViT) or fc (ResNet). The ViT is
timm's layout with moco-v3's fixed 2-D sin-cos position embedding (vits.py); the ResNet is
torchvision's resnet18. Every weight is moved off its initial value by seeded noise, and the
momentum encoder differs from the base encoder.

OUT_DIR/<arch>-reference.safetensors holds "images" [4, 3, S, S] (seeded, as normalised pixels)
and PyTorch's backbone features of them: "base_features" and "momentum_features".
"""
import os
import sys

import torch
import torchvision
from torch import nn

import safetensors_io
from timm_vit import VisionTransformer


def build_mlp(num_layers, input_dim, mlp_dim, output_dim):
    """moco-v3's builder.MoCo._build_mlp."""
    mlp = []
    for layer in range(num_layers):
        dim1 = input_dim if layer == 0 else mlp_dim
        dim2 = output_dim if layer == num_layers - 1 else mlp_dim
        mlp.append(nn.Linear(dim1, dim2, bias=False))
        if layer < num_layers - 1:
            mlp.append(nn.BatchNorm1d(dim2))
            mlp.append(nn.ReLU(inplace=True))
        else:
            mlp.append(nn.BatchNorm1d(dim2, affine=False))
    return nn.Sequential(*mlp)


def sincos_position_embedding(grid, width, temperature=10000.):
    """moco-v3's vits.VisionTransformerMoCo.build_2d_sincos_position_embedding."""
    grid_w = torch.arange(grid, dtype=torch.float32)
    grid_h = torch.arange(grid, dtype=torch.float32)
    grid_w, grid_h = torch.meshgrid(grid_w, grid_h, indexing="ij")
    pos_dim = width // 4
    omega = torch.arange(pos_dim, dtype=torch.float32) / pos_dim
    omega = 1. / (temperature ** omega)
    out_w = torch.einsum('m,d->md', [grid_w.flatten(), omega])
    out_h = torch.einsum('m,d->md', [grid_h.flatten(), omega])
    pos_emb = torch.cat([torch.sin(out_w), torch.cos(out_w), torch.sin(out_h), torch.cos(out_h)], dim=1)[None, :, :]
    return torch.cat([torch.zeros([1, 1, width]), pos_emb], dim=1)


def vit_tiny():
    vit = VisionTransformer(image_size=16, patch_size=8, width=16, depth=2, heads=2, mlp_width=32)
    vit.pos_embed.data.copy_(sincos_position_embedding(vit.grid, 16))
    return vit, 16, 16


def resnet18():
    return torchvision.models.resnet18(weights=None), 512, 32


class MoCo(nn.Module):
    """moco-v3's builder.MoCo's modules, with the heads its ViT and ResNet variants build."""

    def __init__(self, arch, dim=8, mlp_dim=32):
        super().__init__()
        self.base_encoder, width, self.image_size = arch()
        self.momentum_encoder, _, _ = arch()
        head = "head" if isinstance(self.base_encoder, VisionTransformer) else "fc"
        layers = 3 if head == "head" else 2
        setattr(self.base_encoder, head, build_mlp(layers, width, mlp_dim, dim))
        setattr(self.momentum_encoder, head, build_mlp(layers, width, mlp_dim, dim))
        self.predictor = build_mlp(2, dim, mlp_dim, dim)
        self.head = head


class DistributedDataParallel(nn.Module):
    """Wraps the model as DDP does, so that its state dict's keys start with module."""

    def __init__(self, module):
        super().__init__()
        self.module = module


def perturb(module, generator, scale):
    with torch.no_grad():
        for name, tensor in module.state_dict().items():
            if name.endswith("pos_embed") or name.endswith("num_batches_tracked"):
                continue
            if name.endswith("running_var"):
                tensor.copy_(0.5 + torch.rand(tensor.shape, generator=generator))
            else:
                tensor.add_(scale * torch.randn(tensor.shape, generator=generator))


def features(encoder, head, images):
    saved = getattr(encoder, head)
    setattr(encoder, head, nn.Identity())
    encoder.eval()
    with torch.no_grad():
        out = encoder(images) if head == "fc" else encoder(images)
    setattr(encoder, head, saved)
    return out


def main(arch_name, out_dir):
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(1)
    arch = {"vit_tiny": vit_tiny, "resnet18": resnet18}[arch_name]
    moco = MoCo(arch)
    perturb(moco.base_encoder, generator, 0.05)
    perturb(moco.momentum_encoder, generator, 0.05)
    model = DistributedDataParallel(moco)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1.5e-4, weight_decay=0.1)
    if arch_name == "vit_tiny":  # a step, so that the optimizer's state holds tensors too
        for p in model.parameters():
            p.grad = torch.randn(p.shape, generator=generator)
        lr_saved = optimizer.param_groups[0]["lr"]
        optimizer.param_groups[0]["lr"] = 0.0
        optimizer.step()
        optimizer.param_groups[0]["lr"] = lr_saved
    os.makedirs(out_dir, exist_ok=True)
    torch.save({"epoch": 1, "arch": arch_name, "state_dict": model.state_dict(),
                "optimizer": optimizer.state_dict(), "scaler": {"scale": 65536.0}},
               os.path.join(out_dir, arch_name + ".pth.tar"))
    images = torch.randn(4, 3, moco.image_size, moco.image_size, generator=generator)
    safetensors_io.write(os.path.join(out_dir, arch_name + "-reference.safetensors"), {
        "images": images,
        "base_features": features(moco.base_encoder, moco.head, images),
        "momentum_features": features(moco.momentum_encoder, moco.head, images),
    })
    print("wrote", os.path.join(out_dir, arch_name + ".pth.tar"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
