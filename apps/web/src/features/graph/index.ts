/**
 * The model page: graph view, inspector and pruning mode (W4 §2–3). The app shell mounts `ModelPage` at
 * `#/models/:modelId`.
 */
export { ModelPage } from './model-page.tsx';
export type { ModelPageProps } from './model-page.tsx';
