#!/usr/bin/env bash
# Installs everything rwlan's build, tests and demo need on Debian 12, as
# root. Idempotent: each step checks first, so a second run takes seconds.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/toolchain.sh"

apt_packages=(
  # kernel build (LLVM=1) and its Rust bindings
  linux-source-6.12 clang-19 lld-19 llvm-19 libclang-19-dev flex bison bc
  libelf-dev libssl-dev cpio kmod pahole make xz-utils
  # VM: QEMU for virtme-ng, busybox for its initramfs
  qemu-system-x86 busybox-static
  # what the scenarios run inside the guest
  hostapd wpasupplicant iw wireless-regdb iperf3 iputils-ping iproute2 tcpdump tshark jq ethtool
  # userspace crates (rusb)
  libusb-1.0-0-dev pkg-config
  # virtiofsd (cargo install below)
  libcap-ng-dev libseccomp-dev
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# DKMS, to check rwlan's DKMS packages build; without its recommendations,
# which would pull in the host kernel's headers.
if ! dpkg-query -W -f='${Status}' dkms 2>/dev/null | grep -q "install ok installed"; then
  echo "setup: apt-get install --no-install-recommends dkms"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dkms >/dev/null
fi

if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  echo "setup: rustup component add rust-src"
  rustup component add rust-src
fi
for c in clippy rustfmt; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done

if ! bindgen --version 2>/dev/null | grep -q '0\.73\.'; then
  echo "setup: cargo install bindgen-cli 0.73"
  cargo install --locked bindgen-cli --version '^0.73'
fi

# virtme-ng shares the host's root with the guest over virtio-fs when it
# finds virtiofsd, else over 9p: under TCG every exec and file read in the
# guest costs 2-6 times more over 9p (python3 starts in 0.8 s against 2.4 s;
# 1.8 MB read in 0.45 s against 3 s). Debian 12 does not package virtiofsd.
if ! virtiofsd --version 2>/dev/null | grep -q '^virtiofsd 1\.'; then
  echo "setup: cargo install virtiofsd"
  cargo install --locked virtiofsd --version '^1.14'
fi

if ! command -v vng >/dev/null 2>&1; then
  echo "setup: pip install virtme-ng"
  python3 -m pip install --quiet virtme-ng
  command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
fi
command -v vng >/dev/null 2>&1 || { echo "setup: vng is not on PATH after pip install" >&2; exit 1; }
