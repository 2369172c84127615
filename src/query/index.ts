/** The pure query layer over the in-memory column cache (no Svelte, no Dexie, no DOM). */
export * from './types';
export * from './cache';
export * from './filter';
export * from './state';
export * from './agreement';
