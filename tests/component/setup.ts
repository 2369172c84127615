// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
// Layout-dependent APIs jsdom lacks (ResizeObserver for bind:clientWidth).
import './harness/jsdom-gaps';
import { configure } from '@testing-library/svelte';

// `findBy…` waits 1 s by default; lazily loaded panels took longer than that on two busy cores.
configure({ asyncUtilTimeout: 5000 });
