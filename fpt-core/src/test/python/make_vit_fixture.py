#!/usr/bin/python3
"""Writes a tiny ViT checkpoint in HF's google/vit-base-patch16-224 layout, plus a reference forward.

Run with Debian's python3-torch (no transformers needed): /usr/bin/python3 make_vit_fixture.py OUT_DIR
The model below is HF's ViTModel written out in plain torch (pre-LN blocks, exact GELU, LayerNorm eps 1e-12,
a CLS token in front of the patches), with the same parameter names. OUT_DIR gets:
  config.json            HF ViTConfig fields
  model.safetensors      every key of ViTForImageClassification, "vit." prefix included
  reference.safetensors  input   [B, N, C]   patch embeddings (the output of the patch projection)
                         output  [B, N+1, C] last_hidden_state (after vit.layernorm), CLS first
"""
import json
import math
import struct
import sys

import torch

torch.manual_seed(0)
HIDDEN, LAYERS, HEADS, INTER = 32, 2, 4, 64
IMAGE, PATCH, CHANNELS = 8, 2, 3
EPS = 1e-12
N = (IMAGE // PATCH) ** 2
BATCH = 3


def write_safetensors(path, tensors):
    header, data, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for key, t in tensors.items():
        raw = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[key] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        data.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in data:
            f.write(raw)


def params():
    # Not the init HF uses: larger random values, so that every term moves the output measurably.
    p = {}
    def rand(*shape, scale=0.2):
        return torch.randn(*shape) * scale
    p["vit.embeddings.cls_token"] = rand(1, 1, HIDDEN)
    p["vit.embeddings.position_embeddings"] = rand(1, N + 1, HIDDEN)
    p["vit.embeddings.patch_embeddings.projection.weight"] = rand(HIDDEN, CHANNELS, PATCH, PATCH)
    p["vit.embeddings.patch_embeddings.projection.bias"] = rand(HIDDEN)
    for i in range(LAYERS):
        pre = f"vit.encoder.layer.{i}."
        for name in ["attention.attention.query", "attention.attention.key", "attention.attention.value", "attention.output.dense"]:
            p[pre + name + ".weight"] = rand(HIDDEN, HIDDEN)
            p[pre + name + ".bias"] = rand(HIDDEN)
        p[pre + "intermediate.dense.weight"] = rand(INTER, HIDDEN)
        p[pre + "intermediate.dense.bias"] = rand(INTER)
        p[pre + "output.dense.weight"] = rand(HIDDEN, INTER)
        p[pre + "output.dense.bias"] = rand(HIDDEN)
        for ln in ["layernorm_before", "layernorm_after"]:
            p[pre + ln + ".weight"] = 1 + rand(HIDDEN, scale=0.1)
            p[pre + ln + ".bias"] = rand(HIDDEN, scale=0.1)
    p["vit.layernorm.weight"] = 1 + rand(HIDDEN, scale=0.1)
    p["vit.layernorm.bias"] = rand(HIDDEN, scale=0.1)
    p["classifier.weight"] = rand(10, HIDDEN)
    p["classifier.bias"] = rand(10)
    return p


def linear(p, name, x):
    return x @ p[name + ".weight"].T + p[name + ".bias"]


def layer_norm(p, name, x):
    return torch.nn.functional.layer_norm(x, (HIDDEN,), p[name + ".weight"], p[name + ".bias"], EPS)


def attention(p, pre, x):
    b, t, c = x.shape
    hs = c // HEADS
    def heads(y):
        return y.view(b, t, HEADS, hs).transpose(1, 2)
    q = heads(linear(p, pre + "attention.attention.query", x))
    k = heads(linear(p, pre + "attention.attention.key", x))
    v = heads(linear(p, pre + "attention.attention.value", x))
    att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hs), dim=-1)
    y = (att @ v).transpose(1, 2).reshape(b, t, c)
    return linear(p, pre + "attention.output.dense", y)


def forward(p, patches):
    b = patches.shape[0]
    x = torch.cat([p["vit.embeddings.cls_token"].expand(b, -1, -1), patches], dim=1)
    x = x + p["vit.embeddings.position_embeddings"]
    for i in range(LAYERS):
        pre = f"vit.encoder.layer.{i}."
        x = x + attention(p, pre, layer_norm(p, pre + "layernorm_before", x))
        h = torch.nn.functional.gelu(linear(p, pre + "intermediate.dense", layer_norm(p, pre + "layernorm_after", x)))
        x = x + linear(p, pre + "output.dense", h)
    return layer_norm(p, "vit.layernorm", x)


def main(out):
    p = params()
    pixels = torch.randn(BATCH, CHANNELS, IMAGE, IMAGE)
    conv = torch.nn.functional.conv2d(pixels, p["vit.embeddings.patch_embeddings.projection.weight"],
                                      p["vit.embeddings.patch_embeddings.projection.bias"], stride=PATCH)
    patches = conv.flatten(2).transpose(1, 2)  # [B, N, C], as HF's ViTPatchEmbeddings
    with torch.no_grad():
        output = forward(p, patches)
    config = {"architectures": ["ViTForImageClassification"], "model_type": "vit", "hidden_size": HIDDEN,
              "num_hidden_layers": LAYERS, "num_attention_heads": HEADS, "intermediate_size": INTER,
              "hidden_act": "gelu", "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0,
              "layer_norm_eps": EPS, "image_size": IMAGE, "patch_size": PATCH, "num_channels": CHANNELS,
              "qkv_bias": True, "torch_dtype": "float32"}
    with open(f"{out}/config.json", "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    write_safetensors(f"{out}/model.safetensors", p)
    write_safetensors(f"{out}/reference.safetensors", {"input": patches, "output": output})


if __name__ == "__main__":
    main(sys.argv[1])
