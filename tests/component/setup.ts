// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
