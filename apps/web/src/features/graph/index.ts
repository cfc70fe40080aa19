/**
 * The model page: graph view, inspector and pruning mode (W4 §2–3). Placeholder export until the graph view lands;
 * the app shell mounts `ModelPage` at `#/models/:modelId`.
 */
export { ModelPage } from './model-page.tsx';
