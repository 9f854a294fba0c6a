#!/usr/bin/env python3
"""Cross-checks the checked-in fixtures against Hugging Face itself, where torch + transformers are installed (the GPU
machine; nothing here needs a GPU). Run from this folder:

    python3 check_against_transformers.py [--logits-from OTHER.json]

1. Loads tiny-gpt2/ with transformers.GPT2LMHeadModel (eval, float64) and compares its logits for the fixture's
   input_ids with expected_logits.json (written by the pure-Python reference make_expected_logits.py).
   --logits-from compares a logits dump in the same JSON shape (e.g. one written by the C# model) as well.
2. Encodes the strings that Tokenization/Gpt2BpeTokenizerTests.cs asserts with transformers.GPT2Tokenizer on
   gpt2-bpe/vocab.json + merges.txt and compares the ids.
Exit status 1 on any mismatch.
"""
import json
import os
import sys

import torch
from transformers import GPT2LMHeadModel, GPT2Tokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
TOKENIZER_CASES = {
    "Hello world": [268, 264],
    "Hello café": [268, 285],
    " lowest lower": [276, 273],
    "a  b": [64, 220, 220, 65],
    "xyz": [87, 88, 89],
    "ñ": [127, 109],
    "Hello<|endoftext|> LoRA": [268, 297, 296],
}


def max_diff(a, b):
    return max(abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra, rb))


def main():
    failed = False
    with open(os.path.join(HERE, "tiny-gpt2", "expected_logits.json")) as f:
        expected = json.load(f)
    model = GPT2LMHeadModel.from_pretrained(os.path.join(HERE, "tiny-gpt2"), torch_dtype=torch.float64).eval()
    with torch.no_grad():
        logits = model(torch.tensor([expected["input_ids"]])).logits[0].tolist()
    diff = max_diff(logits, expected["logits"])
    print("transformers vs pure-Python reference: max |diff| = %.3g" % diff)
    failed |= diff > 1e-6
    if "--logits-from" in sys.argv:
        with open(sys.argv[sys.argv.index("--logits-from") + 1]) as f:
            other = json.load(f)["logits"]
        diff = max_diff(logits, other)
        print("transformers vs %s: max |diff| = %.3g" % (sys.argv[-1], diff))
        failed |= diff > 1e-4

    tok = GPT2Tokenizer(os.path.join(HERE, "gpt2-bpe", "vocab.json"), os.path.join(HERE, "gpt2-bpe", "merges.txt"))
    for text, ids in TOKENIZER_CASES.items():
        got = tok.encode(text)
        status = "ok" if got == ids else "MISMATCH"
        failed |= got != ids
        print("%-8s %r -> %s (test expects %s)" % (status, text, got, ids))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
