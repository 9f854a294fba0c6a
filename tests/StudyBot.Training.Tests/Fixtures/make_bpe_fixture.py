#!/usr/bin/env python3
"""Builds a small GPT-2-style byte-level BPE vocabulary (gpt2-bpe/vocab.json + merges.txt) for tokenizer tests:
the 256 byte symbols in GPT-2's order (so 'Ġ', the space byte, is id 220 as in the real GPT-2), a few dozen merges,
and <|endoftext|> last."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "gpt2-bpe")


def bytes_to_unicode():
    # GPT-2's reversible byte -> printable character table.
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


MERGES = [
    "Ġ t", "h e", "Ġt he", "i n", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld",
    "l l", "ll o", "H e", "He llo", "Ġ l", "Ġl o", "Ġlo w", "e r", "Ġlow er",
    "e s", "es t", "Ġlow est", "Ġ a", "Ġa n", "n g", "i ng", "Ġ c", "Ġc a", "Ġca f", "Ã ©", "Ġcaf Ã©",
    "' s", "Ġ 1", "Ġ1 2", "Ġ r", "a in", "Ġr ain", ". \u010a", "Ġ L", "ĠL o", "ĠLo R", "ĠLoR A",
]


def main():
    os.makedirs(OUT, exist_ok=True)
    vocab = {ch: i for i, ch in enumerate(bytes_to_unicode())}
    for merge in MERGES:
        a, b = merge.split(" ")
        assert a in vocab and b in vocab, merge
        vocab.setdefault(a + b, len(vocab))
    vocab["<|endoftext|>"] = len(vocab)
    with open(os.path.join(OUT, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(OUT, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "\n".join(MERGES) + "\n")
    print(len(vocab), "tokens")


if __name__ == "__main__":
    main()
