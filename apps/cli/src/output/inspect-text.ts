/** The human-readable rendering of an inspect report. */
import type { InspectReport } from '@whittle/shared';
import { formatBytes, formatCount, formatExact, formatShape } from './format.ts';
import { renderTable } from './table.ts';

function section(title: string, body: string): string {
  return `\n${title}\n${body}`;
}

function valuesTable(values: InspectReport['inputs']): string {
  return renderTable(
    [{ header: 'name' }, { header: 'dtype' }, { header: 'shape' }],
    values.map((v) => [v.name, v.dtype ?? '?', formatShape(v.shape)]),
  );
}

function countCell(n: number | null, known: number): string {
  return n === null ? `unknown (≥ ${formatCount(known)} counted)` : `${formatCount(n)} (${formatExact(n)})`;
}

function costTable(r: InspectReport): string {
  const rows: string[][] = [
    ['params', `${formatCount(r.params)} (${formatExact(r.params)})`],
    ['param bytes', formatBytes(r.paramBytes)],
    ...Object.entries(r.paramBytesByDtype).map(([dtype, bytes]) => [`  ${dtype}`, formatBytes(bytes)]),
    ['MACs', countCell(r.macs, r.macsKnown)],
    ['other ops', r.otherOps === null ? 'unknown' : formatCount(r.otherOps)],
    [
      'largest activation',
      r.largestActivation === null
        ? 'unknown'
        : `${r.largestActivation.name} ${r.largestActivation.dtype ?? '?'}${formatShape(r.largestActivation.shape)} ${formatBytes(r.largestActivation.bytes)}`,
    ],
  ];
  return renderTable([{ header: 'figure' }, { header: 'estimate' }], rows);
}

function opTable(r: InspectReport): string {
  const rows = Object.entries(r.opCounts)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([op, n]) => [op, String(n)]);
  rows.push(['total', String(r.nodeCount)]);
  return renderTable([{ header: 'op type' }, { header: 'count', align: 'right' }], rows);
}

/** The report as aligned text tables. */
export function renderInspectText(r: InspectReport): string {
  const opsets = Object.entries(r.opsets).map(([d, v]) => `${d} ${String(v)}`).join(', ');
  const producer = [r.producer.name, r.producer.version].filter((s) => s !== '').join(' ') || 'unknown';
  const header = [
    `model      ${r.file} (${formatBytes(r.sizeBytes)}${r.externalDataFiles.length > 0 ? ` + external data in ${r.externalDataFiles.join(', ')}` : ''})`,
    `format     ONNX IR ${String(r.irVersion)}; opsets ${opsets}; producer ${producer}`,
    `graph      '${r.graphName}': ${String(r.nodeCount)} nodes, ${String(r.initializerCount)} initializers`,
  ].join('\n');
  let out = `${header}\n`;
  out += section('Inputs', valuesTable(r.inputs));
  out += section('Outputs', valuesTable(r.outputs));
  out += section('Cost (static estimates)', costTable(r));
  out += section('Operators', opTable(r));
  if (r.shapeIssues.length > 0) {
    out += section(
      'Shape inference issues',
      renderTable(
        [{ header: 'node' }, { header: 'op' }, { header: 'issue' }],
        r.shapeIssues.map((i) => [i.node, i.opType, `${i.code}: ${i.message}`]),
      ),
    );
  }
  out += section('Notes', r.notes.map((n) => `  - ${n}\n`).join(''));
  return out;
}
