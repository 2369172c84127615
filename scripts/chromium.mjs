/**
 * The Chromium flags shared by the end-to-end tests and the benchmark: a quiet, reproducible
 * headless run with no GPU (none in CI containers), no sandbox (CI runs as root) and none of
 * Chromium's own background traffic, so every request a test sees comes from the app.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
