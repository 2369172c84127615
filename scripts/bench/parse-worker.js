/**
 * The parse ceiling (benchmark baseline): reads the file as the app's worker must,
 * `file.stream()` through `TextDecoderStream`, cuts the text at the last line ending and gives
 * PapaParse whole strings; counts rows and stores nothing. The synthetic files have no line
 * breaks inside quoted fields, so the cut is always between records (the row count checks it).
 */
import Papa from './papaparse.mjs';

// Papa installs its own `onmessage` when loaded in a worker; this one replaces it.
self.onmessage = async (event) => {
  const file = event.data;
  const t0 = performance.now();
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  const options = { delimiter: ',', newline: '\n', skipEmptyLines: true };
  let tail = '';
  let rows = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const text = tail + value;
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      tail = text;
      continue;
    }
    tail = text.slice(cut + 1);
    rows += Papa.parse(text.slice(0, cut), options).data.length;
  }
  if (tail) rows += Papa.parse(tail, options).data.length;
  self.postMessage({ rows, workerMs: performance.now() - t0 });
};
