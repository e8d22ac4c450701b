#!/usr/bin/env bash
# Regenerates the PDF fixtures of the import tests from an official act in the shared corpus
# (Order No. 110 of the Minister of Education and Science of RK, 10.03.2017: an official text,
# not subject to copyright). Needs poppler-utils, qpdf and ImageMagick
# (apt-get install -y poppler-utils qpdf imagemagick). Run from the repository root.
set -euo pipefail
src=../shared/corpus/pdf/kk_mon-rk_2017-03-10_buyryk-110_akademiyalyk-demalys.pdf
out=tests/fixtures/import
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A text-layer PDF: the order itself (2 pages).
install -m 644 "$src" "$out/kk-order-110.pdf"

# An image-only "scan" of its first page (no text layer), as a secretary's scanner makes it.
pdftoppm -f 1 -l 1 -r 110 -gray -png "$src" "$work/page"
convert "$work"/page-*.png -rotate 0.4 -quality 60 "$work/scan.jpg"
# ImageMagick's default policy refuses to write PDF: wrap the JPEG ourselves.
npx tsx scripts/jpeg-to-pdf.ts "$work/scan.jpg" "$out/kk-order-110-scan.pdf" 110

# A password-protected copy (the user password is required to open it).
qpdf --encrypt secret-user secret-owner 256 -- "$src" "$out/kk-order-110-encrypted.pdf"
ls -la "$out"
