"""One MoCo v3 training step in PyTorch, as the official implementation runs it, for timing.

Mirrors facebookresearch/moco-v3 (moco/builder.py, vits.py, main_moco.py) with timm's ViT blocks:
a ViT with a frozen random patch projection, a class token, fixed 2-D sin-cos position embedding,
pre-norm blocks (LayerNorm eps 1e-6, qkv bias, GELU MLP of ratio 4); projector and predictor MLPs
of Linear without bias + BatchNorm (+ ReLU), the last BatchNorm without affine; the symmetric
InfoNCE loss times 2 tau; AdamW; the momentum update of the key encoder. Inputs are random.

    python3 moco_v3_step.py --spec RUN/spec.json [--steps N] [--threads N] [--device cuda]
                            [--precision bf16]

The model comes from a vitssl run's spec.json (bin/side-by-side passes the one bench.StepBench just
wrote): ViT shape, heads' layers and widths, batch, tau, m, AdamW's lr and weight decay.

Prints one JSON line: the median and mean step time (the first two steps left out), images/s,
the peak resident memory of the process, and the rate of this PyTorch's own 1024^3 sgemm (its BLAS,
OpenBLAS on Debian) measured right after the steps: sustained over all timed calls, and the fastest;
step_ms lists every step, the first two included.
On a GPU (--device cuda) each step ends with a synchronize, the forward passes run under bf16
autocast with --precision bf16 (matrix products in fp32 without TF32 otherwise, PyTorch's default),
and the line adds the most device memory in use after any step, as cudaMemGetInfo counts it (the
CUDA context and the caching allocator's reserve included), and the allocator's own peaks.
"""
import argparse
import contextlib
import json
import math
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

def config_of(spec_path):
    """The model, heads and optimiser of a vitssl run's spec.json, so both sides run one model."""
    spec = json.load(open(spec_path))
    vit, projector, predictor = spec["backbone"], spec["projector"], spec["predictor"]
    wanted = {"backbone": (vit["type"], "vit"), "loss": (spec["loss"]["type"], "info-nce"),
              "optimizer": (spec["optimizer"]["type"], "adamw"),
              "patchProjection": (vit["patchProjection"]["type"], "frozen-random"),
              "positionEmbedding": (vit["positionEmbedding"], "SIN_COS"),
              "pooling": (vit["pooling"], "CLASS_TOKEN"),
              "heads' batchNorm": (all(h["batchNorm"] and h["lastBatchNorm"]
                                       for h in (projector, predictor)), True)}
    for field, (given, expected) in wanted.items():
        if given != expected:
            raise SystemExit(f"{spec_path}: {field} is {given}; the peer mirrors MoCo v3 with a"
                             f" {expected} {field} only: bench a spec that has one")
    if projector["out"] != predictor["out"] or projector["hidden"] != predictor["hidden"]:
        raise SystemExit(f"{spec_path}: projector and predictor differ in width; the peer builds"
                         " them alike: bench a spec whose heads have one hidden and one out width")
    return dict(image=vit["imageSize"], patch=vit["patchSize"], width=vit["width"],
                depth=vit["depth"], heads=vit["heads"], mlp_ratio=vit["mlpRatio"],
                projector_layers=projector["layers"], predictor_layers=predictor["layers"],
                hidden=projector["hidden"], out=projector["out"], batch=spec["batchSize"],
                tau=spec["loss"]["temperature"], m=spec["momentum"]["base"],
                base_lr=spec["optimizer"]["baseLr"], wd=spec["optimizer"]["weightDecay"])


class Block(nn.Module):
    def __init__(self, width, heads, mlp_ratio):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(width, eps=1e-6)
        self.qkv = nn.Linear(width, 3 * width, bias=True)
        self.proj = nn.Linear(width, width)
        self.norm2 = nn.LayerNorm(width, eps=1e-6)
        self.fc1 = nn.Linear(width, int(mlp_ratio * width))
        self.fc2 = nn.Linear(int(mlp_ratio * width), width)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(self.norm1(x)).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1)) * (c // self.heads) ** -0.5
        attn = attn.softmax(dim=-1)
        x = x + self.proj((attn @ v).transpose(1, 2).reshape(b, n, c))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x))))


def sincos(grid, width, temperature=10000.0):
    h = torch.arange(grid, dtype=torch.float32)
    w = torch.arange(grid, dtype=torch.float32)
    gw, gh = torch.meshgrid(w, h, indexing="ij")
    dim = width // 4
    omega = 1.0 / temperature ** (torch.arange(dim, dtype=torch.float32) / dim)
    ow = torch.einsum("m,d->md", gw.flatten(), omega)
    oh = torch.einsum("m,d->md", gh.flatten(), omega)
    emb = torch.cat([ow.sin(), ow.cos(), oh.sin(), oh.cos()], dim=1)[None]
    return torch.cat([torch.zeros(1, 1, width), emb], dim=1)


class Vit(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.patch = nn.Conv2d(3, c["width"], c["patch"], c["patch"])
        self.patch.weight.requires_grad = False  # the study's frozen random patch projection
        self.patch.bias.requires_grad = False
        self.cls = nn.Parameter(torch.randn(1, 1, c["width"]) * 1e-6)
        self.register_buffer("pos", sincos(c["image"] // c["patch"], c["width"]))
        self.blocks = nn.Sequential(*[Block(c["width"], c["heads"], c["mlp_ratio"]) for _ in range(c["depth"])])
        self.norm = nn.LayerNorm(c["width"], eps=1e-6)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        return self.norm(self.blocks(x))[:, 0]


def mlp(layers, dim_in, hidden, out, last_bn=True):
    mods = []
    for i in range(layers):
        d1 = dim_in if i == 0 else hidden
        d2 = out if i == layers - 1 else hidden
        mods.append(nn.Linear(d1, d2, bias=False))
        if i < layers - 1:
            mods += [nn.BatchNorm1d(d2), nn.ReLU(inplace=True)]
        elif last_bn:
            mods.append(nn.BatchNorm1d(d2, affine=False))
    return nn.Sequential(*mods)


def ctr(q, k, tau):
    q = F.normalize(q, dim=1)
    k = F.normalize(k, dim=1)
    logits = q @ k.t() / tau
    return F.cross_entropy(logits, torch.arange(q.shape[0], device=q.device)) * 2 * tau


def sgemm_rate(n=1024, calls=20):
    """GFLOP/s of an n^3 fp32 product: sustained over `calls` timed calls, and the fastest call."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(3):
        torch.mm(a, b)
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t0)
    flop = 2.0 * n ** 3
    return flop * calls / sum(times) / 1e9, flop / min(times) / 1e9


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--spec", required=True, help="a vitssl run's spec.json: the model to run")
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--precision", default="fp32", choices=["fp32", "bf16"])
    a = p.parse_args()
    gpu = a.device == "cuda"
    if a.precision == "bf16" and not gpu:
        raise SystemExit("--precision bf16: run it with --device cuda")
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    c = config_of(a.spec)
    base = Vit(c)
    base_proj = mlp(c["projector_layers"], c["width"], c["hidden"], c["out"])
    predictor = mlp(c["predictor_layers"], c["out"], c["hidden"], c["out"]).to(a.device)
    query = nn.Sequential(base, base_proj).to(a.device)
    key = nn.Sequential(Vit(c), mlp(c["projector_layers"], c["width"], c["hidden"], c["out"])).to(a.device)
    for pq, pk in zip(query.parameters(), key.parameters()):
        pk.data.copy_(pq.data)
        pk.requires_grad = False
    params = [p_ for p_ in list(query.parameters()) + list(predictor.parameters()) if p_.requires_grad]
    opt = torch.optim.AdamW(params, lr=c["base_lr"] * c["batch"] / 256, weight_decay=c["wd"])
    x1 = torch.randn(c["batch"], 3, c["image"], c["image"], device=a.device)
    x2 = torch.randn(c["batch"], 3, c["image"], c["image"], device=a.device)
    tau, m = c["tau"], c["m"]
    autocast = (torch.autocast("cuda", dtype=torch.bfloat16) if a.precision == "bf16"
                else contextlib.nullcontext())
    times = []
    device_used = 0
    for _ in range(a.steps):
        if gpu:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        with torch.no_grad():  # moco-v3 updates the key encoder inside forward, before the keys
            for pq, pk in zip(query.parameters(), key.parameters()):
                pk.data.mul_(m).add_((1 - m) * pq.data)
        with autocast:
            q1 = predictor(query(x1))
            q2 = predictor(query(x2))
            with torch.no_grad():
                k1 = key(x1)
                k2 = key(x2)
            loss = ctr(q1, k2, tau) + ctr(q2, k1, tau)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if gpu:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
        if gpu:
            free, total = torch.cuda.mem_get_info()
            device_used = max(device_used, total - free)
    steady = times[2:] if len(times) > 4 else times
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sgemm_sustained, sgemm_best = sgemm_rate()
    on_device = {}
    if gpu:
        on_device = {"device": torch.cuda.get_device_name(), "precision": a.precision,
                     "peak_device_used_gib": device_used / 2 ** 30,
                     "peak_allocated_gib": torch.cuda.max_memory_allocated() / 2 ** 30,
                     "peak_reserved_gib": torch.cuda.max_memory_reserved() / 2 ** 30}
    print(json.dumps({
        "spec": a.spec,
        "steps": len(steady),
        "median_ms": 1000 * statistics.median(steady),
        "mean_ms": 1000 * statistics.fmean(steady),
        "images_per_second": c["batch"] / statistics.fmean(steady),
        "peak_rss_mb": peak_mb,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "loss": loss.item(),
        "sgemm_gflops": sgemm_sustained,
        "sgemm_best_gflops": sgemm_best,
        "step_ms": [round(1000 * t, 3) for t in times],
        **on_device,
    }))


if __name__ == "__main__":
    main()
