#!/usr/bin/env bash
# Installs the PyTorch peers' dependencies from Debian (PyTorch 1.13 with OpenBLAS); safe to run again: it does
# nothing when both packages are already installed. Needs root (or sudo) and the Debian archive.
set -euo pipefail
packages=(python3-torch libopenblas0-pthread)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "peer: ${packages[*]} already installed"
else
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi
/usr/bin/python3 -c 'import torch; print("peer: torch", torch.__version__)'
