/**
 * What jsdom lacks that the app's components use. Svelte's `bind:clientWidth` observes the
 * element with a ResizeObserver; jsdom has no layout, so an observer that never fires is exact.
 * (A candidate for tests/component/setup.ts once every App-level test needs it.)
 */
if (!('ResizeObserver' in globalThis)) {
  class NoLayoutResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(globalThis, 'ResizeObserver', {
    value: NoLayoutResizeObserver,
    configurable: true,
    writable: true,
  });
}
