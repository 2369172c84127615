/**
 * The peer baseline: vis-timeline (the standalone build, with vis-data) drawing the same
 * statements as the app, one item per statement (content = actor, start = date, group = actor),
 * with its default options, the way an analyst would first try it.
 */
/* global vis */

/** Two frames after the last DOM change: what vis drew has been presented. */
function afterPaint() {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
  );
}

/**
 * Builds the timeline and resolves with the milliseconds until its items are on screen.
 * @param {{ id: number, content: string, start: string, group: string }[]} items
 * @param {string[]} actors the groups, in order
 */
window.drawVis = async (items, actors) => {
  const container = document.getElementById('timeline');
  const t0 = performance.now();
  const timeline = new vis.Timeline(
    container,
    new vis.DataSet(items),
    new vis.DataSet(actors.map((a) => ({ id: a, content: a }))),
    {},
  );
  // vis draws in the constructor and again on its own frames; wait for items in the DOM.
  while (container.querySelector('.vis-item') === null) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const ms = (await afterPaint()) - t0;
  window.__vis = timeline;
  return {
    ms,
    drawnItems: container.querySelectorAll(
      '.vis-item.vis-box, .vis-item.vis-range, .vis-item.vis-point',
    ).length,
  };
};
