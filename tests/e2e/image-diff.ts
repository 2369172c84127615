/**
 * Compares two screenshots with a small tolerance: a pixel of `a` matches when a pixel of `b`
 * within `shift` px of it is within `threshold` in every channel, so anti-aliasing and a one-pixel
 * shift pass while a missing mark or a wrong colour does not. Self-contained (no imports, no
 * outer names) so that its source can also run inside a browser page, which decodes the PNGs.
 */
export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: ArrayLike<number>;
}

export interface Diff {
  /** Pixels of `a` with no near match in `b`. */
  differing: number;
  ratio: number;
  sameSize: boolean;
}

export function diffPixels(a: Pixels, b: Pixels, threshold = 24, shift = 1): Diff {
  if (a.width !== b.width || a.height !== b.height) {
    return { differing: a.width * a.height, ratio: 1, sameSize: false };
  }
  const { width, height } = a;
  let differing = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      let found = false;
      for (let dy = -shift; dy <= shift && !found; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -shift; dx <= shift; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = (yy * width + xx) * 4;
          if (
            Math.abs(a.data[i] - b.data[j]) <= threshold &&
            Math.abs(a.data[i + 1] - b.data[j + 1]) <= threshold &&
            Math.abs(a.data[i + 2] - b.data[j + 2]) <= threshold &&
            Math.abs(a.data[i + 3] - b.data[j + 3]) <= threshold
          ) {
            found = true;
            break;
          }
        }
      }
      if (!found) differing++;
    }
  }
  return { differing, ratio: differing / (width * height), sameSize: true };
}

/** Share of pixels allowed to differ (beyond the shift and threshold): one in a thousand. */
export const MAX_DIFF_RATIO = 0.001;
