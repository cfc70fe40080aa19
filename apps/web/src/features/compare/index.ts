/**
 * The variant comparison page (W4 §5–6). Placeholder export until it lands; the app shell mounts `ComparePage` at
 * `#/projects/:projectId/compare`.
 */
export { ComparePage } from './compare-page.tsx';
