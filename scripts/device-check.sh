#!/usr/bin/env bash
# GPU checks for a machine with CUDA PyTorch but no .NET (the lent GPU machine; see docs/benchmarks.md).
#
#   scripts/device-check.sh prepare   # here: .NET runtime + published app + reference scripts into .device/
#   scripts/device-check.sh run OUT   # there: CUDA benchmark (ours and PEFT's), logits and tokenizer vs transformers,
#                                     # a CUDA fine-tune of the tiny model; results as files under OUT
#
# Environment for `run`: STUDYBOT_LIBTORCH_DIR (torch/lib of the PyTorch install; default: the one python3 imports).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
device_dir="$root/.device"

prepare() {
  grep -qxF '/.device/' "$root/.git/info/exclude" 2>/dev/null || echo '/.device/' >> "$root/.git/info/exclude"
  rm -rf "$device_dir" && mkdir -p "$device_dir"
  tar cJf "$device_dir/dotnet-rt.tar.xz" -C /usr/share/dotnet dotnet host shared/Microsoft.NETCore.App
  dotnet publish "$root/src/StudyBot" -c Release -r linux-x64 --self-contained false -o "$device_dir/app" -v q
  # The device brings its own libtorch: drop the CPU libtorch binaries (they would shadow CUDA's), keep TorchSharp's
  # glue library and the other native libraries (SkiaSharp for loss.png, libsodium for Ed25519).
  local libtorch_cpu
  libtorch_cpu="$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/libtorch-cpu-linux-x64 -name '*.so*' -printf '%f\n' | sort -u)"
  for lib in $libtorch_cpu; do
    find "$device_dir/app" -name "$lib" -delete
  done
  cp "$root/shared/bench/peft_lora_bench.py" "$device_dir/" 2>/dev/null || cp /work/shared/bench/peft_lora_bench.py "$device_dir/"
  du -sh "$device_dir"
}

run() {
  local out="${1:?usage: device-check.sh run OUT}"
  mkdir -p "$out" /tmp/dn
  tar xJf "$device_dir/dotnet-rt.tar.xz" -C /tmp/dn
  export DOTNET_ROOT=/tmp/dn DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
  export STUDYBOT_LIBTORCH_DIR="${STUDYBOT_LIBTORCH_DIR:-$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')}"
  local studybot=(/tmp/dn/dotnet "$device_dir/app/studybot.dll")
  nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || true

  # Logits and tokenizer ids against Hugging Face transformers (no GPU needed, but transformers lives here).
  (cd "$root/tests/StudyBot.Training.Tests/Fixtures" && python3 check_against_transformers.py) > "$out/transformers-check.txt" 2>&1 || true

  # The benchmark, ours and the reference side by side (GPT-2 124M and 355M, batch 8 x 1024, r=8).
  for shape in "--layers 12 --embd 768 --heads 12" "--layers 24 --embd 1024 --heads 16"; do
    # shellcheck disable=SC2086
    "${studybot[@]}" bench lora $shape --batch 8 --seq 1024 --rank 8 --steps 30 --warmup 5 --device cuda --out "$out/bench.jsonl" 2>> "$out/bench.stderr" || true
    # shellcheck disable=SC2086
    python3 "$device_dir/peft_lora_bench.py" $shape --batch 8 --seq 1024 --rank 8 --steps 30 --warmup 5 >> "$out/bench.jsonl" 2>> "$out/bench.stderr" || true
  done

  # A CUDA fine-tune of the tiny model end to end (run folder comes back).
  "${studybot[@]}" make-tiny-model --out /tmp/tiny > "$out/finetune.txt" 2>&1
  printf 'LoRA adapts a frozen model with low-rank updates.\n%.0s' $(seq 1 200) > /tmp/data.txt
  "${studybot[@]}" finetune --model /tmp/tiny --data /tmp/data.txt --out "$out/run" --steps 100 --device cuda >> "$out/finetune.txt" 2>&1 || true
}

case "${1:-}" in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  *) echo "usage: scripts/device-check.sh prepare | run OUT" >&2; exit 2 ;;
esac
