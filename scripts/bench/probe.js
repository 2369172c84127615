/**
 * Installed in every benchmarked page before its own scripts run (`page.addInitScript`). It
 * reads figures from the page's own clock (`performance.now()`, 0 at navigation start), so no
 * protocol round trip is inside a measurement:
 * - every long task (> 50 ms) on the main thread;
 * - every change of the status line (`Showing N of M statements`) and when it was painted;
 * - when a file was chosen in a file input, and (when armed) clicks `Import` as soon as it is
 *   enabled, as an eager user would;
 * - `measure(action, done)`: the time from an action to `done()` holding and being painted.
 *
 * "Painted" is two animation frames after the DOM showed the change: the first frame renders it,
 * the second starts only after that one was presented.
 */
(() => {
  const bench = {
    longTasks: [],
    /** Status line texts in order: `{ text, at, painted, charts }`. */
    status: [],
    fileChosenAt: null,
    importClickedAt: null,
  };
  window.__bench = bench;

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.longTasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task API: the figure reads "n/a".
  }

  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  /** Resolves once what the DOM shows now has been presented: two frames. */
  bench.afterPaint = async () => {
    await frame();
    await frame();
    return performance.now();
  };

  const STATUS = /Showing [\d,]+ of [\d,]+ statements|Loading/;
  const squash = (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  // Found once and kept while it is in the document: this runs after every DOM change, and a
  // search of a big DOM (the matrix) each time would add to what is measured.
  let statusEl = null;
  /** The app's status line text, or '' when it is not there (yet). */
  bench.statusText = () => {
    if (statusEl?.isConnected) {
      const text = squash(statusEl);
      if (STATUS.test(text)) return text;
    }
    for (const el of document.querySelectorAll('[role="status"]')) {
      const text = squash(el);
      if (STATUS.test(text)) {
        statusEl = el;
        return text;
      }
    }
    return '';
  };

  /** The visible tab panel (or the document when there are no tabs yet). */
  bench.panel = () => document.querySelector('[role="tabpanel"]') ?? document.body;

  /**
   * 1 when the visible panel shows a chart (a sized canvas, an SVG with content or a table with
   * rows), else 0. Cheap on purpose: first matches only.
   */
  bench.charts = () => {
    const panel = bench.panel();
    for (const c of panel.querySelectorAll('canvas')) if (c.width > 0 && c.height > 0) return 1;
    const drawn =
      'svg > *, table tbody tr, [role="grid"] [role="row"], [role="table"] [role="row"]';
    return panel.querySelector(drawn) ? 1 : 0;
  };

  // Status log and the eager Import click, both driven by DOM mutations.
  let lastStatus = '';
  let autoImport = false;
  const onMutation = () => {
    const text = bench.statusText();
    if (text && text !== lastStatus) {
      lastStatus = text;
      const entry = { text, at: performance.now(), painted: null, charts: 0 };
      bench.status.push(entry);
      void bench.afterPaint().then((t) => {
        entry.painted = t;
        entry.charts = bench.charts();
      });
    }
    if (autoImport) {
      for (const b of document.querySelectorAll('button')) {
        if (!b.disabled && b.textContent.trim() === 'Import') {
          autoImport = false;
          bench.importClickedAt = performance.now();
          b.click();
          break;
        }
      }
    }
  };
  const observe = () => {
    new MutationObserver(onMutation).observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['disabled'],
    });
    onMutation();
  };
  if (document.documentElement) observe();
  else document.addEventListener('readystatechange', observe, { once: true });

  /** From now on, click `Import` as soon as it is enabled. */
  bench.armAutoImport = () => {
    bench.importClickedAt = null;
    autoImport = true;
    onMutation();
  };

  // Capture phase on window: runs before the app's own `change` handler reads the file.
  window.addEventListener(
    'change',
    (e) => {
      const t = e.target;
      if (t instanceof HTMLInputElement && t.type === 'file')
        bench.fileChosenAt = performance.now();
    },
    true,
  );

  /**
   * Resolves with the page time when `done()` first holds and has been painted; rejects after
   * `timeout` ms. Checked after every DOM mutation (then two frames to be painted) and on every
   * frame (then one more frame: the DOM seen in a frame callback is presented by that frame).
   * With `framesWhen`, frames are asked for only while it holds (checked on every mutation and
   * every 100 ms): a frame loop running through a whole import is work the page would not do
   * on its own, and on two cores it took CPU from the import being measured.
   */
  bench.until = (done, timeout = 120_000, { framesWhen } = {}) =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      let settled = false;
      let framePending = false;
      const finish = (extraFrames) => {
        settled = true;
        observer.disconnect();
        clearInterval(timer);
        const go = extraFrames === 2 ? bench.afterPaint() : frame().then(() => performance.now());
        void go.then(resolve);
      };
      const schedule = () => {
        if (settled || framePending || (framesWhen && !framesWhen())) return;
        framePending = true;
        requestAnimationFrame(() => {
          framePending = false;
          tick();
        });
      };
      const timedOut = () => {
        if (performance.now() - start <= timeout) return false;
        settled = true;
        observer.disconnect();
        clearInterval(timer);
        reject(new Error(`timed out after ${timeout} ms; status: ${bench.statusText()}`));
        return true;
      };
      const observer = new MutationObserver(() => {
        if (settled) return;
        if (done()) finish(2);
        else schedule();
      });
      // Text and structure only: attribute changes (thousands in a matrix redraw) are left to
      // the per-frame check.
      observer.observe(document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
        attributeFilter: ['aria-selected'],
      });
      const tick = () => {
        if (settled) return;
        if (done()) return finish(1);
        if (!timedOut()) schedule();
      };
      // Without frames: the timeout, and `framesWhen` turning true with no mutation.
      const timer = setInterval(() => {
        if (settled || timedOut()) return;
        if (!framesWhen) return;
        if (done()) finish(2);
        else schedule();
      }, 100);
      if (done()) finish(2);
      else schedule();
    });

  /** The form control labelled `name` (the label's own text, not its options'), or null. */
  bench.control = (name) => {
    for (const label of document.querySelectorAll('label')) {
      const own = [...label.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim();
      if (own === name && label.control) return label.control;
    }
    return document.querySelector(`[aria-label="${name}"]`);
  };

  /** The tab named `name`, or null. */
  bench.tab = (name) =>
    [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent.trim() === name) ??
    null;

  /** True when the tab named `name` is selected and its panel shows a chart. */
  bench.tabDrawn = (name) =>
    bench.tab(name)?.getAttribute('aria-selected') === 'true' && bench.charts() > 0;

  /**
   * What the timeline shows, cheaply: its SVG markup and a hash of a band of canvas pixels at
   * `y` (client coordinates). Zooming or panning changes it; nothing else during a gesture does.
   */
  bench.snapshot = (root, y) => {
    let s = [...root.querySelectorAll('svg')].map((e) => e.innerHTML).join('|');
    for (const c of root.querySelectorAll('canvas')) {
      const r = c.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const scale = c.height / r.height;
      const cy = Math.max(0, Math.min(c.height - 8, Math.round((y - r.top) * scale)));
      const data = c.getContext('2d').getImageData(0, cy, c.width, 8).data;
      let h = 0;
      for (let i = 0; i < data.length; i += 4)
        h = (Math.imul(h, 31) + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
      s += `|${h}`;
    }
    return s;
  };

  /**
   * A gesture over the timeline, one input event per animation frame, as a fast user makes
   * them (browsers coalesce wheel and pointer moves to one per frame). Returns the frame times
   * (ms between consecutive frames) and whether the chart changed; null when there is nothing to
   * do it on (no brush).
   * kind: 'zoom' (wheel in, then out), 'zoomin', 'zoomout', 'pan' (drag), 'brush' (drag on a
   * d3-brush overlay).
   */
  bench.gesture = async (kind, steps) => {
    const panel = bench.panel();
    const root = panel.querySelector('.timeline') ?? panel;
    root.scrollIntoView({ block: 'start' });
    await frame();
    // Over the plot: the canvas of marks (where a user wheels and drags), else the whole chart.
    let area = (root.querySelector('canvas') ?? root).getBoundingClientRect();
    if (kind === 'brush') {
      const overlay = root.querySelector('.overlay');
      if (!overlay) return null;
      area = overlay.getBoundingClientRect();
    }
    const top = Math.max(area.top, 0);
    const bottom = Math.min(area.bottom, innerHeight);
    const y = (top + Math.min(bottom, top + 300)) / 2;
    const x0 = area.left + area.width * (kind === 'brush' ? 0.3 : 0.6);
    const at = (x) => document.elementFromPoint(x, y) ?? root;
    const mouse = (type, x, buttons) => {
      const init = {
        clientX: x,
        clientY: y,
        bubbles: true,
        cancelable: true,
        view: window,
        button: 0,
        buttons,
      };
      const target = at(x);
      const pointer = type.replace('mouse', 'pointer');
      target.dispatchEvent(
        new PointerEvent(pointer, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }),
      );
      target.dispatchEvent(new MouseEvent(type, init));
    };
    const before = bench.snapshot(root, y);
    let middle = before;
    const deltas = [];
    let last = null;
    const step = (fn) =>
      new Promise((resolve) =>
        requestAnimationFrame((t) => {
          if (last !== null) deltas.push(t - last);
          last = t;
          fn();
          resolve();
        }),
      );
    if (kind === 'zoom' || kind === 'zoomin' || kind === 'zoomout') {
      if (kind !== 'zoom') middle = null;
      for (let i = 0; i < steps; i++) {
        const zoomIn = kind === 'zoomin' || (kind === 'zoom' && i < steps / 2);
        const deltaY = zoomIn ? -60 : 60;
        if (i === Math.floor(steps / 2)) middle = bench.snapshot(root, y);
        await step(() =>
          at(x0).dispatchEvent(
            new WheelEvent('wheel', {
              deltaY,
              deltaMode: 0,
              clientX: x0,
              clientY: y,
              bubbles: true,
              cancelable: true,
              view: window,
            }),
          ),
        );
      }
    } else {
      const dx = kind === 'pan' ? -6 : 4;
      await step(() => mouse('mousedown', x0, 1));
      for (let i = 1; i <= steps; i++) await step(() => mouse('mousemove', x0 + dx * i, 1));
      middle = bench.snapshot(root, y);
      await step(() => mouse('mouseup', x0 + dx * steps, 0));
    }
    await step(() => undefined);
    const after = middle ?? bench.snapshot(root, y);
    return { deltas, changed: after !== before };
  };

  /** Milliseconds from running `action` to `done()` holding and painted. */
  bench.measure = async (action, done, timeout) => {
    const t0 = performance.now();
    action();
    // Svelte applies the change in a microtask, so the observer set up here still sees it.
    return (await bench.until(done, timeout)) - t0;
  };
})();
