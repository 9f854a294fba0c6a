#!/usr/bin/env bash
# Makes a fresh Debian 12 or Ubuntu 24.04 machine ready to build, test and train:
#  - checks the .NET 10 SDK, and when it is missing prints how to install it (it does not install it itself);
#    installs what the .NET runtime loads where a minimal image lacks it (ICU, OpenSSL 3, CA certificates) and
#    checks that dotnet then runs;
#  - makes sure libstdc++ provides GLIBCXX_3.4.32 (TorchSharp 0.107's native library needs GCC 13+'s libstdc++).
#    On Debian 12 that means adding Debian 13 (trixie) as a source pinned at priority 100, so that only what we
#    ask for with `-t trixie` comes from it;
#  - installs Debian's Chromium (and an emoji font for readable screenshots) for the browser tests unless
#    STUDYBOT_BOOTSTRAP_BROWSER=0; the tests drive /usr/bin/chromium and never download a browser. Where no
#    `chromium` deb exists (Ubuntu ships Chromium only as a snap) it says so and carries on: everything but the
#    browser tests works, and those fail with a message naming /usr/bin/chromium.
# Idempotent: when nothing is missing it only runs a few checks.
set -euo pipefail

log() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# How to install the .NET 10 SDK on this machine, printed when it is missing. The SDK is the one prerequisite this
# script does not install itself: where it comes from (a distribution feed or Microsoft's install script) is the
# machine owner's choice.
dotnet_install_help() {
  local id="" version=""
  if [ -r /etc/os-release ]; then
    id=$(. /etc/os-release && echo "${ID:-}")
    version=$(. /etc/os-release && echo "${VERSION_ID:-}")
  fi
  printf 'bootstrap: install the .NET 10 SDK, then run this again:\n' >&2
  if [ "$id" = "ubuntu" ]; then
    printf '  Ubuntu %s (24.04 and later ship it in their own archive):\n' "$version" >&2
    printf '    sudo apt-get update && sudo apt-get install -y dotnet-sdk-10.0\n' >&2
    printf '  (Ubuntu 22.04 has it only in the Ubuntu .NET backports PPA: sudo add-apt-repository ppa:dotnet/backports first)\n' >&2
  fi
  printf '  Any Linux, without root, with Microsoft'"'"'s dotnet-install script (download link and options:\n' >&2
  printf '  https://learn.microsoft.com/dotnet/core/tools/dotnet-install-script):\n' >&2
  printf '    bash dotnet-install.sh --channel 10.0 --install-dir "$HOME/.dotnet"\n' >&2
  printf '    export DOTNET_ROOT="$HOME/.dotnet" PATH="$HOME/.dotnet:$PATH"   # also in ~/.bashrc\n' >&2
  printf '  All ways, per distribution: https://learn.microsoft.com/dotnet/core/install/linux\n' >&2
  printf '  Downloads: https://dotnet.microsoft.com/download/dotnet/10.0\n' >&2
}

check_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    if [ -x "$HOME/.dotnet/dotnet" ]; then
      printf 'bootstrap: error: dotnet is installed in %s but not on PATH. Run:\n' "$HOME/.dotnet" >&2
      printf '  export DOTNET_ROOT="$HOME/.dotnet" PATH="$HOME/.dotnet:$PATH"\n' >&2
      exit 1
    fi
    printf 'bootstrap: error: the .NET SDK (dotnet) was not found; StudyBot needs the .NET 10 SDK.\n' >&2
    dotnet_install_help
    exit 1
  fi
  local sdks
  sdks=$(dotnet --list-sdks 2>/dev/null | awk '{print $1}')
  if ! echo "$sdks" | grep -q '^10\.'; then
    printf 'bootstrap: error: no .NET 10 SDK found (have: %s); StudyBot needs the .NET 10 SDK.\n' "$(echo ${sdks:-none} | tr '\n' ' ')" >&2
    dotnet_install_help
    exit 1
  fi
  log ".NET SDK $(echo "$sdks" | grep '^10\.' | tail -n1) found"
}

# ldconfig lives in /sbin, which a normal user's PATH on Debian does not include.
ldconfig_cmd() {
  command -v ldconfig 2>/dev/null || { [ -x /sbin/ldconfig ] && echo /sbin/ldconfig; } || { [ -x /usr/sbin/ldconfig ] && echo /usr/sbin/ldconfig; }
}

libstdcxx_path() {
  local p="" ldc
  ldc=$(ldconfig_cmd)
  if [ -n "$ldc" ]; then
    p=$("$ldc" -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
    [ -n "$p" ] || p=$("$ldc" -p 2>/dev/null | awk '/libstdc\+\+\.so\.6/ {print $NF; exit}')
  fi
  # Without ldconfig: the usual multiarch places.
  [ -n "$p" ] || p=$(ls /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 2>/dev/null | head -n1)
  echo "$p"
}

has_glibcxx_3_4_32() {
  local lib
  lib=$(libstdcxx_path)
  [ -n "$lib" ] && [ -r "$lib" ] || return 1
  grep -aq 'GLIBCXX_3\.4\.32' "$lib"
}

# The Debian mirror of this machine, read from its own apt sources (never hard-coded here).
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {for (i = 2; i <= NF; i++) if ($i !~ /security/) {print $i; exit}}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  echo "$uri"
}

ensure_libstdcxx() {
  if has_glibcxx_3_4_32; then
    log "libstdc++ provides GLIBCXX_3.4.32"
    return
  fi
  [ -r /etc/os-release ] || die "libstdc++ lacks GLIBCXX_3.4.32 and the OS is unknown; install libstdc++ from GCC 13 or newer."
  . /etc/os-release
  if [ "${ID:-}" != "debian" ]; then
    die "libstdc++ lacks GLIBCXX_3.4.32 on ${PRETTY_NAME:-this OS}; install libstdc++ from GCC 13 or newer (Ubuntu 24.04 has it)."
  fi
  local mirror
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || die "could not read a Debian mirror from /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  log "adding Debian 13 (trixie) from $mirror, pinned at priority 100, for libstdc++6 only"
  $SUDO tee /etc/apt/sources.list.d/studybot-trixie.sources >/dev/null <<SRC
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  $SUDO tee /etc/apt/preferences.d/studybot-trixie >/dev/null <<PIN
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  has_glibcxx_3_4_32 || die "libstdc++6 from trixie installed but GLIBCXX_3.4.32 is still missing"
  log "libstdc++ now provides GLIBCXX_3.4.32"
}

apt_install_missing() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# True when apt can install a deb named $1 (a snap-only package on Ubuntu has no candidate).
has_deb_candidate() {
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

ensure_browser() {
  if dpkg -s chromium >/dev/null 2>&1; then
    apt_install_missing fonts-noto-color-emoji
    return
  fi
  # Package lists may be empty on a fresh machine or image: refresh once before deciding.
  has_deb_candidate chromium || $SUDO apt-get update -qq
  if has_deb_candidate chromium; then
    apt_install_missing chromium fonts-noto-color-emoji
  else
    log "warning: no 'chromium' deb package on this system (Ubuntu ships Chromium only as a snap); skipping the browser."
    log "  The browser tests need /usr/bin/chromium (or STUDYBOT_CHROMIUM=/path/to/a/chromium-or-chrome binary) and fail"
    log "  with a message saying so; the bot, the playground and the other tests need no browser."
    log "  STUDYBOT_BOOTSTRAP_BROWSER=0 skips this step."
  fi
}

# The first package name in "$@" apt can install, or nothing (package lists are refreshed once if none can be).
first_installable() {
  local pkg
  for pkg in "$@"; do has_deb_candidate "$pkg" && { echo "$pkg"; return; }; done
  $SUDO apt-get update -qq
  for pkg in "$@"; do has_deb_candidate "$pkg" && { echo "$pkg"; return; }; done
}

# What the .NET runtime loads and a minimal image may lack: ICU (globalization), OpenSSL 3 and the CA certificates
# (HTTPS to the package feed). `dotnet --list-sdks` runs without them; the first build would not.
ensure_dotnet_runtime_deps() {
  local ldc libs="" wanted=() pkg
  ldc=$(ldconfig_cmd)
  [ -n "$ldc" ] && libs=$("$ldc" -p 2>/dev/null)
  case "${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-}" in
    1|true) ;;
    *) echo "$libs" | grep -q 'libicuuc\.so' || { pkg=$(first_installable libicu76 libicu74 libicu72); [ -n "$pkg" ] && wanted+=("$pkg"); } ;;
  esac
  echo "$libs" | grep -q 'libssl\.so\.3' || { pkg=$(first_installable libssl3t64 libssl3); [ -n "$pkg" ] && wanted+=("$pkg"); }
  [ -e /etc/ssl/certs/ca-certificates.crt ] || wanted+=(ca-certificates)
  [ ${#wanted[@]} -eq 0 ] || apt_install_missing "${wanted[@]}"
}

# The SDK must not only be there but run: without ICU, for one, every dotnet command but --list-sdks aborts.
check_dotnet_runs() {
  local info
  if ! info=$(dotnet --info 2>&1); then
    printf 'bootstrap: error: the .NET SDK is installed but does not run (`dotnet --info` failed):\n%s\n' "$(echo "$info" | tail -n 5)" >&2
    printf 'bootstrap: it most often lacks ICU: install libicu (Debian 12: libicu72, Ubuntu 24.04: libicu74), or set\n' >&2
    printf '  DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 to run without it.\n' >&2
    exit 1
  fi
}

check_dotnet
if command -v apt-get >/dev/null 2>&1; then
  ensure_dotnet_runtime_deps
fi
check_dotnet_runs
ensure_libstdcxx
# Fonts for the loss-curve plots (ScottPlot draws text through Skia + fontconfig).
if command -v apt-get >/dev/null 2>&1; then
  apt_install_missing fontconfig fonts-dejavu-core
  if [ "${STUDYBOT_BOOTSTRAP_BROWSER:-1}" = "1" ]; then
    ensure_browser
  fi
fi
log "ready"
