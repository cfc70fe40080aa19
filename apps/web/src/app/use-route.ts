import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './router.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

/** The hash is the store; its string snapshot is stable, so re-renders happen only on navigation. */
function snapshot(): string {
  return window.location.hash;
}

/** The current route, re-rendering on every hash change. @public */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, snapshot));
}
