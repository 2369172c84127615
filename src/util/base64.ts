/** Bytes as base64 text: standard with padding for backups, base64url without it for links. */

/** `toBase64(Uint8Array.of(0xfb, 0xff))` -> `'+/8='`. */
export function toBase64(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let binary = '';
  // In slices: spreading a million bytes into one call overflows the stack.
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) {
    binary += String.fromCharCode(...bytes.subarray(i, i + STEP));
  }
  return btoa(binary);
}

/** Inverse of toBase64; null when the text is not base64: `fromBase64('+/8=')` -> `[0xfb, 0xff]`. */
export function fromBase64(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** base64url without padding: `[0xfb, 0xff]` -> `'-_8'`. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Strict inverse of toBase64Url (padding tolerated); null for any other character or length. */
export function fromBase64Url(text: string): Uint8Array | null {
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return null;
  return fromBase64(body.replace(/-/g, '+').replace(/_/g, '/'));
}
