import { describe, expect, it } from 'vitest';
import { diffPixels, MAX_DIFF_RATIO, type Pixels } from '../../e2e/image-diff';

/** A 200 x 100 white image with a dark 40 x 10 bar at (x, y) and a coloured 20 x 20 square. */
function image(x: number, y: number, square = [241, 163, 64]): Pixels {
  const width = 200;
  const height = 100;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const paint = (x0: number, y0: number, w: number, h: number, rgb: number[]) => {
    for (let yy = y0; yy < y0 + h; yy++) {
      for (let xx = x0; xx < x0 + w; xx++) data.set(rgb, (yy * width + xx) * 4);
    }
  };
  paint(x, y, 40, 10, [30, 30, 30]);
  paint(x + 100, y + 30, 20, 20, square);
  return { width, height, data };
}

describe('diffPixels', () => {
  it('passes the same picture', () => {
    expect(diffPixels(image(10, 10), image(10, 10)).differing).toBe(0);
  });

  it('passes a one-pixel shift, right or down', () => {
    expect(diffPixels(image(11, 10), image(10, 10)).ratio).toBeLessThanOrEqual(MAX_DIFF_RATIO);
    expect(diffPixels(image(10, 11), image(10, 10)).ratio).toBeLessThanOrEqual(MAX_DIFF_RATIO);
  });

  it('fails a shift of three pixels', () => {
    expect(diffPixels(image(13, 10), image(10, 10)).ratio).toBeGreaterThan(MAX_DIFF_RATIO);
  });

  it('fails a wrong colour (oppose drawn as support)', () => {
    const d = diffPixels(image(10, 10, [153, 142, 195]), image(10, 10));
    expect(d.differing).toBe(400);
    expect(d.ratio).toBeGreaterThan(MAX_DIFF_RATIO);
  });

  it('fails pictures of another size', () => {
    const small = { width: 10, height: 10, data: new Uint8ClampedArray(400) };
    expect(diffPixels(small, image(10, 10))).toMatchObject({ sameSize: false, ratio: 1 });
  });
});
