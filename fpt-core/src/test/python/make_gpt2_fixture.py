#!/usr/bin/python3
"""Makes the GPT-2 parity fixtures under fpt-core/src/test/resources/gpt2-fixture*/.

A small GPT-2-shaped model (2 layers, 4 heads, width 32, 16 positions) is built in plain PyTorch with the
reference forward written out here (pre-LayerNorm blocks, fused c_attn as HF's Conv1D storing [in, out],
tanh GELU, causal attention, LayerNorm eps 1e-5, learned wpe). Its weights are written as real
safetensors files (the bytes are written here with struct + json, no safetensors package), together with a
config.json and the reference hidden states (after ln_f) for a fixed input embedding tensor.

Two checkpoints of the same architecture:
  gpt2-fixture/        bare keys (as GPT2Model saves them), all F32, __metadata__ present
  gpt2-fixture-mixed/  'transformer.'-prefixed keys (as GPT2LMHeadModel saves them), c_attn in F16, mlp in
                       BF16, plus the keys a loader must skip: wte, lm_head, attn.bias (BOOL), attn.masked_bias
Each reference is computed from exactly the weights stored (F16/BF16 ones rounded first), in float64.

Run with Debian's python3-torch (apt-get install python3-torch), from the repository root:
    /usr/bin/python3 fpt-core/src/test/python/make_gpt2_fixture.py
"""
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

N_LAYER, N_HEAD, N_EMBD, N_POSITIONS, VOCAB = 2, 4, 32, 16, 64
EPS = 1e-5
BATCH, TOKENS = 2, 8
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources")

DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.bool: "BOOL"}


def make_weights(generator):
    """HF GPT-2 key -> tensor, Conv1D weights [in, out]. Larger than HF's init so every term matters."""
    def normal(*shape, std=0.2):
        return torch.randn(*shape, generator=generator) * std

    c = N_EMBD
    w = {"wpe.weight": normal(N_POSITIONS, c)}
    for i in range(N_LAYER):
        p = f"h.{i}."
        w[p + "ln_1.weight"] = 1 + normal(c, std=0.1)
        w[p + "ln_1.bias"] = normal(c, std=0.1)
        w[p + "attn.c_attn.weight"] = normal(c, 3 * c)
        w[p + "attn.c_attn.bias"] = normal(3 * c, std=0.1)
        w[p + "attn.c_proj.weight"] = normal(c, c)
        w[p + "attn.c_proj.bias"] = normal(c, std=0.1)
        w[p + "ln_2.weight"] = 1 + normal(c, std=0.1)
        w[p + "ln_2.bias"] = normal(c, std=0.1)
        w[p + "mlp.c_fc.weight"] = normal(c, 4 * c)
        w[p + "mlp.c_fc.bias"] = normal(4 * c, std=0.1)
        w[p + "mlp.c_proj.weight"] = normal(4 * c, c)
        w[p + "mlp.c_proj.bias"] = normal(c, std=0.1)
    w["ln_f.weight"] = 1 + normal(c, std=0.1)
    w["ln_f.bias"] = normal(c, std=0.1)
    return w


def forward(w, embeddings):
    """The GPT-2 body on input embeddings [B, T, C], as HF's GPT2Model computes it (eval mode)."""
    w = {k: v.double() for k, v in w.items()}
    b, t, c = embeddings.shape
    hs = c // N_HEAD
    x = embeddings.double() + w["wpe.weight"][:t]
    causal = torch.tril(torch.ones(t, t, dtype=torch.bool))
    for i in range(N_LAYER):
        p = f"h.{i}."
        a = F.layer_norm(x, (c,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], EPS)
        qkv = a @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]  # Conv1D: x @ W[in, out] + b
        q, k, v = (z.view(b, t, N_HEAD, hs).transpose(1, 2) for z in qkv.split(c, dim=-1))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(hs)
        att = att.masked_fill(~causal, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, c)
        x = x + y @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        m = F.layer_norm(x, (c,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], EPS)
        h = F.gelu(m @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]
    return F.layer_norm(x, (c,), w["ln_f.weight"], w["ln_f.bias"], EPS)


def tensor_bytes(tensor):
    """Row-major little-endian bytes (this script runs on little-endian machines only)."""
    assert struct.pack("=H", 1) == struct.pack("<H", 1)
    tensor = tensor.contiguous()
    if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret the bits
        tensor = tensor.view(torch.int16)
    return tensor.numpy().tobytes()


def write_safetensors(path, tensors, metadata=None):
    """The format: u64 LE header length, JSON header (space-padded to 8 bytes), then the data buffer."""
    header, chunks, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for key, tensor in tensors.items():
        data = tensor_bytes(tensor)
        header[key] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape),
                       "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    write_atomically(path, struct.pack("<Q", len(text)) + text + b"".join(chunks))


def write_atomically(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def write_config(directory):
    config = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_layer": N_LAYER, "n_head": N_HEAD,
              "n_embd": N_EMBD, "n_positions": N_POSITIONS, "n_ctx": N_POSITIONS, "vocab_size": VOCAB,
              "layer_norm_epsilon": EPS, "activation_function": "gelu_new", "n_inner": None,
              "resid_pdrop": 0.1, "embd_pdrop": 0.1, "attn_pdrop": 0.1}
    write_atomically(os.path.join(directory, "config.json"), (json.dumps(config, indent=2) + "\n").encode())


def write_fixture(name, stored, reference_weights, embeddings):
    directory = os.path.join(OUT, name)
    write_safetensors(os.path.join(directory, "model.safetensors"), stored, {"format": "pt"})
    write_config(directory)
    hidden = forward(reference_weights, embeddings).float()
    write_safetensors(os.path.join(directory, "reference.safetensors"),
                      {"embeddings": embeddings, "hidden": hidden})
    print(name, {k: DTYPES[v.dtype] for k, v in stored.items() if not k.endswith("bias")})


def main():
    generator = torch.Generator().manual_seed(20210309)
    weights = make_weights(generator)
    embeddings = torch.randn(BATCH, TOKENS, N_EMBD, generator=generator)

    write_fixture("gpt2-fixture", weights, weights, embeddings)

    mixed, rounded = {}, {}
    for key, value in weights.items():
        dtype = torch.float16 if "c_attn" in key else torch.bfloat16 if ".mlp." in key else torch.float32
        mixed["transformer." + key] = value.to(dtype)
        rounded[key] = value.to(dtype).float()
    mixed["transformer.wte.weight"] = torch.randn(VOCAB, N_EMBD, generator=generator) * 0.02
    for i in range(N_LAYER):
        mixed[f"transformer.h.{i}.attn.bias"] = torch.tril(torch.ones(1, 1, N_POSITIONS, N_POSITIONS, dtype=torch.bool))
        mixed[f"transformer.h.{i}.attn.masked_bias"] = torch.tensor(-1e4)
    mixed["lm_head.weight"] = mixed["transformer.wte.weight"]
    write_fixture("gpt2-fixture-mixed", mixed, rounded, embeddings)


if __name__ == "__main__":
    main()
