/**
 * The variant comparison page (W4 §5–6). The app shell mounts `ComparePage` at `#/projects/:projectId/compare`.
 */
export { ComparePage, type ComparePageProps } from './compare-page.tsx';
