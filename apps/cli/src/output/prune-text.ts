/** The human-readable rendering of a prune report. */
import type { PruneCommandReport } from '@whittle/shared';
import { formatBytes, formatCount } from './format.ts';
import { renderTable } from './table.ts';

function change(before: number | null, after: number | null): string {
  if (before === null || after === null || before === 0) return '';
  return `${(((after - before) / before) * 100).toFixed(1)}%`;
}

const cell = (n: number | null, f: (n: number) => string): string => (n === null ? 'unknown' : f(n));

/** The report as aligned text. */
export function renderPruneText(r: PruneCommandReport): string {
  const inputs = Object.entries(r.verification.inputs).map(([n, d]) => `${n}=[${d.join(',')}]`).join(', ');
  let out = `pruned     ${r.file} → ${r.output}\n`;
  out += `checked    ran in ${r.verification.runtime} on seeded ${inputs}: outputs keep their dims${r.verification.finite ? ' and stay finite' : ''}\n`;
  out += `changed    ${String(r.groupsPruned)} groups, ${String(r.channelsRemoved)} channels removed, ${String(r.blocksDropped.length)} blocks dropped, ${String(r.foldedBatchNorms)} BatchNorms folded, ${String(r.nodesTouched.length)} nodes touched\n\n`;
  out += renderTable(
    [{ header: 'figure' }, { header: 'before', align: 'right' }, { header: 'after', align: 'right' }, { header: 'change', align: 'right' }, { header: 'kind' }],
    [
      ['params', formatCount(r.paramsBefore), formatCount(r.paramsAfter), change(r.paramsBefore, r.paramsAfter), 'estimate'],
      ['MACs', cell(r.macsBefore, formatCount), cell(r.macsAfter, formatCount), change(r.macsBefore, r.macsAfter), 'estimate'],
      ['weight bytes', formatBytes(r.bytesBefore), formatBytes(r.bytesAfter), change(r.bytesBefore, r.bytesAfter), 'estimate'],
      ['file size', formatBytes(r.fileBytesBefore), formatBytes(r.fileBytesAfter), change(r.fileBytesBefore, r.fileBytesAfter), 'measured'],
    ],
  );
  if (r.groups.length > 0) {
    out += '\nPruned groups\n';
    out += renderTable(
      [{ header: 'group' }, { header: 'channels', align: 'right' }, { header: 'kept', align: 'right' }],
      r.groups.map((g) => [g.id, String(g.channelsBefore), String(g.channelsAfter)]),
    );
  }
  out += `\nNotes\n${r.notes.map((n) => `  - ${n}\n`).join('')}`;
  return out;
}
