/**
 * Grayscale page images for OCR: pure pixel operations (no pdf.js, no canvas), so they are easy
 * to test. Tesseract reads binary PGM ("P5") directly, which skips PNG encoding and decoding
 * (about 0.8 s a page at 300 dpi, for the same accuracy).
 */

/** One byte per pixel, row by row, 0 = black, 255 = white. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export type QuarterTurn = 0 | 90 | 180 | 270;

/** RGBA (as canvases give it) to luminance, composited over white where transparent. */
export function grayFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GrayImage {
  const pixels = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < pixels.length; i += 4, p++) {
    const alpha = rgba[i + 3]! / 255;
    // Rec. 601 luma in integers; transparent areas become paper white.
    const luma = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000;
    pixels[p] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width, height, pixels };
}

/** Rotates clockwise by a quarter-turn multiple. */
export function rotateGray(image: GrayImage, degrees: QuarterTurn): GrayImage {
  if (degrees === 0) return image;
  const { width: w, height: h, pixels: src } = image;
  const out = new Uint8Array(src.length);
  if (degrees === 180) {
    for (let i = 0, j = src.length - 1; i < src.length; i++, j--) out[j] = src[i]!;
    return { width: w, height: h, pixels: out };
  }
  // 90° clockwise: (x, y) → (h-1-y, x); 270°: (x, y) → (y, w-1-x). New width is the old height.
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const target = degrees === 90 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      out[target] = src[row + x]!;
    }
  }
  return { width: h, height: w, pixels: out };
}

/** Halves each side by averaging 2×2 blocks (for orientation detection, which wants ~150 dpi). */
export function halveGray(image: GrayImage): GrayImage {
  const width = Math.max(1, image.width >> 1);
  const height = Math.max(1, image.height >> 1);
  const out = new Uint8Array(width * height);
  const src = image.pixels;
  const stride = image.width;
  for (let y = 0; y < height; y++) {
    const top = 2 * y * stride;
    const bottom = Math.min(2 * y + 1, image.height - 1) * stride;
    for (let x = 0; x < width; x++) {
      const left = 2 * x;
      const right = Math.min(left + 1, image.width - 1);
      out[y * width + x] = (src[top + left]! + src[top + right]! + src[bottom + left]! + src[bottom + right]! + 2) >> 2;
    }
  }
  return { width, height, pixels: out };
}

/** Binary PGM (P5), which tesseract's image reader (Leptonica) accepts as is. */
export function encodePgm(image: GrayImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength)]);
}

/**
 * True when the page holds (almost) nothing dark: a blank sheet or an empty scan. Counts pixels
 * clearly darker than paper on a sparse grid; OCR of such a page only produces noise.
 */
export function isBlank(image: GrayImage, inkShare = 0.0005): boolean {
  const { pixels } = image;
  const step = 3;
  let dark = 0;
  let seen = 0;
  for (let i = 0; i < pixels.length; i += step) {
    seen++;
    if (pixels[i]! < 128) dark++;
  }
  return seen === 0 || dark / seen < inkShare;
}

/**
 * Maps a box found on the image that was rotated clockwise by `rotation` back onto the page as
 * displayed (`width` × `height` before rotation), as fractions 0…1 with the origin top left.
 */
export function unrotateBox(
  box: { x0: number; y0: number; x1: number; y1: number },
  rotation: QuarterTurn,
  width: number,
  height: number,
): { x0: number; y0: number; x1: number; y1: number } {
  const back = (x: number, y: number): [number, number] => {
    switch (rotation) {
      case 90:
        return [y, height - x];
      case 180:
        return [width - x, height - y];
      case 270:
        return [width - y, x];
      default:
        return [x, y];
    }
  };
  const [ax, ay] = back(box.x0, box.y0);
  const [bx, by] = back(box.x1, box.y1);
  const clamp = (value: number): number => Math.min(1, Math.max(0, value));
  const round = (value: number): number => Math.round(value * 10_000) / 10_000;
  return {
    x0: round(clamp(Math.min(ax, bx) / width)),
    y0: round(clamp(Math.min(ay, by) / height)),
    x1: round(clamp(Math.max(ax, bx) / width)),
    y1: round(clamp(Math.max(ay, by) / height)),
  };
}
