#!/usr/bin/env bash
# Regenerates the OCR test fixtures from an official act in the shared corpus (Order No. 110 of
# the Minister of Education and Science of RK, 10.03.2017, in Kazakh: an official text, not
# subject to copyright). Needs poppler-utils and ImageMagick. Run from the repository root.
set -euo pipefail
src=../shared/corpus/pdf/kk_mon-rk_2017-03-10_buyryk-110_akademiyalyk-demalys.pdf
out=tests/fixtures/ocr
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Page 1 scanned at 200 dpi in grey, slightly skewed, as an office scanner makes it.
pdftoppm -f 1 -l 1 -r 200 -gray -png "$src" "$work/page"
convert "$work"/page-*.png -rotate 0.3 -quality 55 "$work/scan.jpg"
npx tsx scripts/jpeg-to-pdf.ts "$work/scan.jpg" "$out/kk-order-110-p1-scan.pdf" 200

# The same page fed into the scanner sideways: the image lies turned 90° counter-clockwise.
convert "$work/scan.jpg" -rotate -90 -quality 55 "$work/sideways.jpg"
npx tsx scripts/jpeg-to-pdf.ts "$work/sideways.jpg" "$out/kk-order-110-p1-sideways.pdf" 200

# A blank sheet (white paper with a little scanner noise).
convert -size 1654x2339 xc:white -attenuate 0.15 +noise Gaussian -colorspace Gray -quality 60 "$work/blank.jpg"
npx tsx scripts/jpeg-to-pdf.ts "$work/blank.jpg" "$out/blank-page.pdf" 200

# A scan whose JPEG data is damaged in the middle (a bad sector, a broken transfer): the PDF
# structure is intact, the image is not.
cp "$work/scan.jpg" "$work/corrupt.jpg"
size=$(stat -c %s "$work/corrupt.jpg")
printf '\xff\xd9\x00\x13\x37garbage-garbage-garbage' | dd of="$work/corrupt.jpg" bs=1 seek=$((size / 3)) conv=notrunc status=none
head -c $((size * 2 / 3)) "$work/corrupt.jpg" > "$work/corrupt-cut.jpg"
npx tsx scripts/jpeg-to-pdf.ts "$work/corrupt-cut.jpg" "$out/corrupt-jpeg.pdf" 200
ls -la "$out"
