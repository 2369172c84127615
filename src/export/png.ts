/**
 * An SVG page drawn onto a canvas as a PNG (the pictures' PNG export). Needs a DOM.
 */

/** Browsers cap a canvas side (Chrome 32 767, Safari 16 384) and area; stay under both. */
const MAX_SIDE = 16_384;
const MAX_AREA = 16_384 * 16_384 * 0.6;

/**
 * Draws SVG text onto a canvas at `scale` (2 = sharp on high-density screens) and returns a PNG.
 * The SVG goes in as a `data:` URL (the CSP allows `img-src data: blob:`), so nothing is fetched.
 * The scale is lowered when the image would pass the browsers' canvas limits.
 */
export async function pngFromSvg(
  svgText: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const s = Math.max(
    0.1,
    Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height))),
  );
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * s));
  canvas.height = Math.max(1, Math.round(height * s));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the chart as an image.');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
      'image/png',
    ),
  );
}
