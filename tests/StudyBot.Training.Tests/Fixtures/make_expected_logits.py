#!/usr/bin/env python3
"""Independent reference for the C# GPT-2: writes a tiny random GPT-2 checkpoint (Hugging Face folder layout) and the
logits of a fixed token sequence, computed by a plain-Python forward pass that follows transformers'
GPT2LMHeadModel (eval mode) step by step. Standard library only, so it runs where PyTorch is not installed.

    python3 make_expected_logits.py            # writes tiny-gpt2/{config.json,model.safetensors,tokenizer_config.json,expected_logits.json}
    python3 make_expected_logits.py --check    # recomputes the logits from the existing model.safetensors

The reference reads the weights back from model.safetensors (parsed here with struct/json), so it checks the file
format as well as the math. It is not transformers itself; the GPU machine check (where transformers is installed)
is the stronger test.
"""
import json
import math
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tiny-gpt2")
CONFIG = {
    "architectures": ["GPT2LMHeadModel"],
    "model_type": "gpt2",
    "vocab_size": 300,
    "n_positions": 64,
    "n_ctx": 64,
    "n_embd": 32,
    "n_layer": 2,
    "n_head": 4,
    "activation_function": "gelu_new",
    "layer_norm_epsilon": 1e-5,
    "resid_pdrop": 0.1,
    "embd_pdrop": 0.1,
    "attn_pdrop": 0.1,
    "bos_token_id": 256,
    "eos_token_id": 256,
}
INPUT_IDS = [0, 72, 101, 108, 108, 111, 32, 256, 299, 150, 5, 63]


def make_weights(cfg, seed=20261123):
    """Random weights with Hugging Face names and shapes (Conv1D weights are (in, out)); no 'transformer.' prefix,
    plus the old-style causal mask buffers and a tied lm_head copy, as in the original gpt2 checkpoint files."""
    rng = random.Random(seed)
    c, v, p = cfg["n_embd"], cfg["vocab_size"], cfg["n_positions"]

    def normal(n, std, mean=0.0):
        return [mean + rng.gauss(0.0, std) for _ in range(n)]

    w = {}
    w["wte.weight"] = ([v, c], normal(v * c, 0.5))
    w["wpe.weight"] = ([p, c], normal(p * c, 0.3))
    for i in range(cfg["n_layer"]):
        pre = "h.%d." % i
        w[pre + "ln_1.weight"] = ([c], normal(c, 0.1, 1.0))
        w[pre + "ln_1.bias"] = ([c], normal(c, 0.1))
        w[pre + "attn.c_attn.weight"] = ([c, 3 * c], normal(c * 3 * c, 0.3))
        w[pre + "attn.c_attn.bias"] = ([3 * c], normal(3 * c, 0.1))
        w[pre + "attn.c_proj.weight"] = ([c, c], normal(c * c, 0.2))
        w[pre + "attn.c_proj.bias"] = ([c], normal(c, 0.1))
        w[pre + "ln_2.weight"] = ([c], normal(c, 0.1, 1.0))
        w[pre + "ln_2.bias"] = ([c], normal(c, 0.1))
        w[pre + "mlp.c_fc.weight"] = ([c, 4 * c], normal(c * 4 * c, 0.3))
        w[pre + "mlp.c_fc.bias"] = ([4 * c], normal(4 * c, 0.1))
        w[pre + "mlp.c_proj.weight"] = ([4 * c, c], normal(4 * c * c, 0.15))
        w[pre + "mlp.c_proj.bias"] = ([c], normal(c, 0.1))
        w[pre + "attn.bias"] = ([1, 1, p, p], [1.0 if col <= row else 0.0 for row in range(p) for col in range(p)])
    w["ln_f.weight"] = ([c], normal(c, 0.1, 1.0))
    w["ln_f.bias"] = ([c], normal(c, 0.1))
    w["lm_head.weight"] = w["wte.weight"]
    # Round through float32 so the reference computes with exactly the stored values.
    return {k: (shape, [struct.unpack("<f", struct.pack("<f", x))[0] for x in data]) for k, (shape, data) in w.items()}


def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        shape, data = tensors[name]
        blob = struct.pack("<%df" % len(data), *data)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", name
        begin, end = info["data_offsets"]
        out[name] = list(struct.unpack("<%df" % ((end - begin) // 4), data[begin:end]))
    return out


def layer_norm(x, w, b, eps):
    mean = sum(x) / len(x)
    var = sum((v - mean) ** 2 for v in x) / len(x)  # biased variance, as torch.nn.LayerNorm
    inv = 1.0 / math.sqrt(var + eps)
    return [(v - mean) * inv * w[i] + b[i] for i, v in enumerate(x)]


def conv1d(x, w, b, n_out):
    """Hugging Face Conv1D: y = x @ W + b with W stored row-major as (in, out)."""
    y = list(b)
    for i, xi in enumerate(x):
        row = w[i * n_out:(i + 1) * n_out]
        for j in range(n_out):
            y[j] += xi * row[j]
    return y


def gelu_new(x):
    return 0.5 * x * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def forward(cfg, w, ids):
    c, nh = cfg["n_embd"], cfg["n_head"]
    hd = c // nh
    eps = cfg["layer_norm_epsilon"]
    get = lambda k: w.get(k, w.get("transformer." + k))
    wte, wpe = get("wte.weight"), get("wpe.weight")
    h = [[wte[tok * c + j] + wpe[pos * c + j] for j in range(c)] for pos, tok in enumerate(ids)]
    for i in range(cfg["n_layer"]):
        pre = "h.%d." % i
        a_in = [layer_norm(x, get(pre + "ln_1.weight"), get(pre + "ln_1.bias"), eps) for x in h]
        qkv = [conv1d(x, get(pre + "attn.c_attn.weight"), get(pre + "attn.c_attn.bias"), 3 * c) for x in a_in]
        merged = [[0.0] * c for _ in h]
        for head in range(nh):
            lo = head * hd
            for t in range(len(h)):
                q = qkv[t][lo:lo + hd]
                scores = []
                for s in range(t + 1):  # causal: position t sees 0..t
                    k = qkv[s][c + lo:c + lo + hd]
                    scores.append(sum(q[d] * k[d] for d in range(hd)) / math.sqrt(hd))
                m = max(scores)
                e = [math.exp(v - m) for v in scores]
                z = sum(e)
                for s in range(t + 1):
                    vv = qkv[s][2 * c + lo:2 * c + lo + hd]
                    for d in range(hd):
                        merged[t][lo + d] += e[s] / z * vv[d]
        attn_out = [conv1d(x, get(pre + "attn.c_proj.weight"), get(pre + "attn.c_proj.bias"), c) for x in merged]
        h = [[a + b for a, b in zip(x, y)] for x, y in zip(h, attn_out)]
        m_in = [layer_norm(x, get(pre + "ln_2.weight"), get(pre + "ln_2.bias"), eps) for x in h]
        fc = [[gelu_new(v) for v in conv1d(x, get(pre + "mlp.c_fc.weight"), get(pre + "mlp.c_fc.bias"), 4 * c)] for x in m_in]
        m_out = [conv1d(x, get(pre + "mlp.c_proj.weight"), get(pre + "mlp.c_proj.bias"), c) for x in fc]
        h = [[a + b for a, b in zip(x, y)] for x, y in zip(h, m_out)]
    h = [layer_norm(x, get("ln_f.weight"), get("ln_f.bias"), eps) for x in h]
    vocab = cfg["vocab_size"]
    return [[sum(x[j] * wte[v * c + j] for j in range(c)) for v in range(vocab)] for x in h]


def main():
    os.makedirs(OUT, exist_ok=True)
    weights_path = os.path.join(OUT, "model.safetensors")
    if "--check" not in sys.argv:
        write_safetensors(weights_path, make_weights(CONFIG))
        with open(os.path.join(OUT, "config.json"), "w") as f:
            json.dump(CONFIG, f, indent=2)
        with open(os.path.join(OUT, "tokenizer_config.json"), "w") as f:
            json.dump({"tokenizer_class": "StudyBotByteTokenizer", "eos_token": "<|endoftext|>"}, f, indent=2)
    logits = forward(CONFIG, read_safetensors(weights_path), INPUT_IDS)
    expected = {
        "source": "make_expected_logits.py: pure-Python GPT2LMHeadModel forward (eval mode, float64) on model.safetensors",
        "input_ids": INPUT_IDS,
        "logits": [[float("%.9g" % v) for v in row] for row in logits],
    }
    path = os.path.join(OUT, "expected_logits.json")
    if "--check" in sys.argv:
        with open(path) as f:
            old = json.load(f)["logits"]
        worst = max(abs(a - b) for ra, rb in zip(old, expected["logits"]) for a, b in zip(ra, rb))
        print("max |difference| vs stored expected_logits.json: %g" % worst)
        return
    with open(path, "w") as f:
        json.dump(expected, f, separators=(",", ":"))
    print("wrote", OUT, "logit range", min(map(min, logits)), max(map(max, logits)))


if __name__ == "__main__":
    main()
