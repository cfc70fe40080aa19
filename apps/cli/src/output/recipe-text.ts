/** The human-readable rendering of a recipe run: one line per step, then the benchmark tables. */
import type { RecipeRunReport } from '@whittle/pipeline';
import { renderBenchText } from './bench-text.ts';
import { formatBytes, formatCount } from './format.ts';

/** `report` (written to `outDir`) as text. */
export function renderRecipeText(report: RecipeRunReport, outDir: string): string {
  let out = `recipe     ${report.recipe ?? '(unnamed)'} on ${report.file}: ${String(report.steps.length)} steps, outputs in ${outDir}\n\n`;
  for (const s of report.steps) {
    if (s.kind === 'prune') {
      const r = s.report;
      out +=
        `step ${String(s.step)}  prune      ${r.file} → ${s.output}: ${String(r.channelsRemoved)} channels in ${String(r.groupsPruned)} groups, ` +
        `params ${formatCount(r.paramsBefore)} → ${formatCount(r.paramsAfter)} (estimate), file ${formatBytes(r.fileBytesBefore)} → ${formatBytes(r.fileBytesAfter)} (measured), ` +
        `checked in ${r.verification.runtime}\n`;
    } else {
      const p50 = s.results.series.map((x) => `${String(x.threads)}T×${String(x.batchSize)}: p50 ${x.p50Ms.toFixed(3)} ms`).join(', ');
      out += `step ${String(s.step)}  benchmark  ${s.model}: ${p50} (measured)\n`;
    }
  }
  for (const s of report.steps) {
    if (s.kind === 'benchmark') out += `\nStep ${String(s.step)}: benchmark of ${s.model} on ${s.device}\n${renderBenchText(s.model, s.results)}`;
  }
  return out;
}
