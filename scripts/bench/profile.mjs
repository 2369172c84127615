/**
 * Where the main thread's time goes: a CPU profile through the DevTools protocol (`--profile`),
 * saved for DevTools and summarized as the functions with the most self time.
 */

/**
 * Starts sampling the page's main thread; `stop()` returns the profile.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ stop: () => Promise<object> }>}
 */
export async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      return profile;
    },
  };
}

/**
 * Self time per function of a CPU profile, largest first. `(idle)` is left out.
 * For a profile where `draw` (draw.js line 10) took 3 samples of 2 ms ->
 *   `[{ name: 'draw draw.js:10', ms: 6 }]`.
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string,
 *   lineNumber: number } }[], samples: number[], timeDeltas: number[] }} profile
 * @param {number} [top]
 * @returns {{ name: string, ms: number }[]}
 */
export function selfTimes(profile, top = 12) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    // timeDeltas[i] is the time before sample i; the time after it is the next delta.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const file = url ? url.split('/').pop() : '';
    const name = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    totals.set(name, (totals.get(name) ?? 0) + dt);
  }
  return [...totals]
    .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}
