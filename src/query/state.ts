/** Kept while app.svelte.ts and views/evidence, which other changes rewrite, import it here. */
export { pairIndex } from './steps';
