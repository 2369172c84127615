import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import type { AppState } from '../../../src/state/app.svelte';
import WithApp from './WithApp.svelte';

/** Renders `component` with `props` under `app`'s contexts, as App.svelte provides them. */
export function renderInApp<P extends Record<string, unknown>>(
  app: AppState,
  component: Component<P>,
  props: P,
) {
  const harness = WithApp as unknown as Component<{
    app: AppState;
    component: Component<P>;
    props: P;
  }>;
  return render(harness, { props: { app, component, props } });
}
