/** The human-readable rendering of benchmark results: one row per series, every figure measured. */
import type { BenchmarkResults } from '@whittle/shared';
import { formatBytes } from './format.ts';
import { renderTable } from './table.ts';

/** Milliseconds with three significant decimals for sub-millisecond runs, two above. */
function ms(value: number): string {
  return value < 1 ? value.toFixed(3) : value.toFixed(2);
}

function perSecond(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** `results` of `file` as aligned text. */
export function renderBenchText(file: string, r: BenchmarkResults): string {
  let out = `measured   ${file} on ${r.runtime} ${r.runtimeVersion} (${r.executionProvider}) · ${r.cpuModel} · ${String(r.logicalCores)} logical cores\n`;
  out += `session    created in ${ms(r.sessionCreateMs)} ms; peak RSS ${formatBytes(r.peakRssBytes)}\n\n`;
  out += renderTable(
    [
      { header: 'threads', align: 'right' },
      { header: 'batch', align: 'right' },
      { header: 'runs', align: 'right' },
      { header: 'stable' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p90 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'min ms', align: 'right' },
      { header: 'max ms', align: 'right' },
      { header: 'samples/s', align: 'right' },
    ],
    r.series.map((s) => [
      String(s.threads),
      String(s.batchSize),
      String(s.runs),
      s.stable ? 'yes' : 'no (cap)',
      ms(s.p50Ms),
      ms(s.p90Ms),
      ms(s.p99Ms),
      ms(s.minMs),
      ms(s.maxMs),
      perSecond(s.throughputPerSec),
    ]),
  );
  const inputs = [...new Set(r.series.map((s) => Object.entries(s.inputs).map(([n, d]) => `${n}=[${d.join(',')}]`).join(', ')))];
  out += `\nInputs     ${inputs.join(' | ')}\n`;
  out += `\nNotes\n${r.notes.map((n) => `  - ${n}\n`).join('')}`;
  return out;
}
