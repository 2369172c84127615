// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
// Layout-dependent APIs jsdom lacks (ResizeObserver for bind:clientWidth).
import './harness/jsdom-gaps';
