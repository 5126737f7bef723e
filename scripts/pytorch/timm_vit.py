"""A Vision Transformer whose parameters carry timm's names (patch_embed.proj, cls_token, pos_embed,
blocks.N.norm1 / attn.qkv / attn.proj / norm2 / mlp.fc1 / mlp.fc2, norm), written from timm's
VisionTransformer and moco-v3's vits.py so that weights in that layout load with strict=True.
"""
import torch
from torch import nn


class PatchEmbed(nn.Module):
    def __init__(self, channels, patch, width):
        super().__init__()
        self.proj = nn.Conv2d(channels, width, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class Attention(nn.Module):
    def __init__(self, width, heads, qkv_bias):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width, bias=qkv_bias)
        self.proj = nn.Linear(width, width)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1)) * (c // self.heads) ** -0.5
        x = attn.softmax(dim=-1) @ v
        return self.proj(x.transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, width, hidden):
        super().__init__()
        self.fc1 = nn.Linear(width, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, width)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, width, heads, mlp_width, qkv_bias, eps):
        super().__init__()
        self.norm1 = nn.LayerNorm(width, eps=eps)
        self.attn = Attention(width, heads, qkv_bias)
        self.norm2 = nn.LayerNorm(width, eps=eps)
        self.mlp = Mlp(width, mlp_width)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class VisionTransformer(nn.Module):
    """pooling: 'token' (class token after the final norm), 'avg_after_norm' or 'avg' (no norm)."""

    def __init__(self, image_size, patch_size, width, depth, heads, mlp_width, qkv_bias=True,
                 layer_norm_eps=1e-6, pooling="token", position_embedding="sincos", channels=3):
        super().__init__()
        self.pooling = pooling
        self.patch_embed = PatchEmbed(channels, patch_size, width)
        self.grid = image_size // patch_size
        tokens = self.grid * self.grid + (1 if pooling == "token" else 0)
        if pooling == "token":
            self.cls_token = nn.Parameter(torch.zeros(1, 1, width))
        if position_embedding != "none":
            self.pos_embed = nn.Parameter(torch.zeros(1, tokens, width),
                                          requires_grad=position_embedding == "learned")
        self.blocks = nn.ModuleList(
            [Block(width, heads, mlp_width, qkv_bias, layer_norm_eps) for _ in range(depth)])
        if pooling != "avg":
            self.norm = nn.LayerNorm(width, eps=layer_norm_eps)

    @staticmethod
    def from_card(card):
        vit = card["vit"]
        return VisionTransformer(card["image_size"], vit["patch_size"], vit["width"], vit["depth"],
                                 vit["heads"], vit["mlp_width"], vit["qkv_bias"],
                                 vit["layer_norm_eps"], vit["pooling"], vit["position_embedding"],
                                 card["channels"])

    def forward(self, x):
        x = self.patch_embed(x)
        if self.pooling == "token":
            x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1)
        if hasattr(self, "pos_embed"):
            x = x + self.pos_embed
        for block in self.blocks:
            x = block(x)
        if self.pooling == "token":
            return self.norm(x)[:, 0]
        if self.pooling == "avg_after_norm":
            return self.norm(x).mean(dim=1)
        return x.mean(dim=1)
