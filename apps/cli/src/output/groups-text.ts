/** The human-readable rendering of a groups report. */
import type { GroupsReport } from '@whittle/shared';
import { formatCount } from './format.ts';
import { renderTable } from './table.ts';

const MAX_REASON = 90;

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The report as aligned tables: groups (one row each), then residual blocks. */
export function renderGroupsText(r: GroupsReport, options: { readonly members?: boolean } = {}): string {
  let out = `model      ${r.file}\nfingerprint ${r.fingerprint}\n`;
  out += `groups     ${String(r.summary.groups)} (${String(r.summary.prunable)} prunable, ${String(r.summary.blocked)} blocked); ${String(r.summary.blocks)} residual block${r.summary.blocks === 1 ? '' : 's'}\n`;
  out += '\nDependency groups\n';
  out += renderTable(
    [{ header: 'id' }, { header: 'root' }, { header: 'channels', align: 'right' }, { header: 'members', align: 'right' }, { header: 'status' }],
    r.groups.map((g) => [
      g.id,
      g.root,
      String(g.channels),
      String(g.members.length),
      g.prunable ? 'prunable' : `blocked: ${clip(g.blockedBy[0] ?? '', MAX_REASON)}${g.blockedBy.length > 1 ? ` (+${String(g.blockedBy.length - 1)})` : ''}`,
    ]),
  );
  if (options.members === true) {
    for (const g of r.groups) {
      out += `\n${g.id}\n`;
      out += renderTable(
        [{ header: 'node' }, { header: 'side' }, { header: 'value' }, { header: 'axis', align: 'right' }],
        g.members.map((m) => [m.node === '' ? '(graph input)' : m.node, m.side, m.value, String(m.axis)]),
        4,
      );
    }
  }
  if (r.blocks.length > 0) {
    out += '\nResidual blocks (removable whole with --drop-blocks; estimates)\n';
    out += renderTable(
      [{ header: 'id' }, { header: 'body nodes', align: 'right' }, { header: 'params', align: 'right' }, { header: 'MACs', align: 'right' }],
      r.blocks.map((b) => [b.id, String(b.nodes.length), formatCount(b.params), b.macs === null ? 'unknown' : formatCount(b.macs)]),
    );
  }
  out += `\nNotes\n${r.notes.map((n) => `  - ${n}\n`).join('')}`;
  return out;
}
