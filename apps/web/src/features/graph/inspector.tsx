/**
 * The inspector of the selected item: an op node's type, attributes, inputs and outputs with dtypes and shapes, and
 * its static cost estimates; a block's totals and its expand/collapse; a graph input or output's type. Weight
 * statistics are not in the graph view, so the panel says so rather than showing nothing.
 */
import type { JSX } from 'react';
import type { GroupsReport } from '@whittle/shared';
import { compact, typeText } from './format.ts';
import type { GraphIndex, ViewNode } from './graph-index.ts';
import { groupsOfNode } from './pruning/groups-index.ts';

/** @public */
export interface InspectorProps {
  readonly index: GraphIndex;
  /** A node, port or block id, or null. */
  readonly selected: string | null;
  readonly expanded: ReadonlySet<string>;
  readonly groups: GroupsReport | undefined;
  readonly onToggleBlock: (blockId: string, open: boolean) => void;
  readonly onChooseGroup: (groupId: string) => void;
}

function Slots({ title, slots }: { readonly title: string; readonly slots: ViewNode['inputs'] }): JSX.Element {
  return (
    <>
      <h4>{title}</h4>
      {slots.length === 0 ? (
        <p className="wg-muted">none</p>
      ) : (
        <table className="wg-table">
          <tbody>
            {slots.map((s, i) => (
              <tr key={`${String(i)}:${s.value}`}>
                <td className="wg-mono">{s.value === '' ? '(omitted)' : s.value}</td>
                <td className="wg-mono">{typeText(s.dtype, s.shape)}</td>
                <td>{s.parameter ? 'weight' : s.constant ? 'constant' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function NodeDetails({ node, props }: { readonly node: ViewNode; readonly props: InspectorProps }): JSX.Element {
  const chain = (props.index.blockChain.get(node.id) ?? []).filter((id) => props.index.blockById.get(id)?.parentId !== null);
  const groups = props.groups === undefined ? [] : groupsOfNode(props.groups, node.label);
  return (
    <>
      <h3 className="wg-mono" data-testid="inspector-title">{node.opType}</h3>
      <dl className="wg-facts">
        <dt>Name</dt>
        <dd className="wg-mono">{node.label}</dd>
        <dt>Domain</dt>
        <dd>{node.domain}</dd>
        <dt>Scope</dt>
        <dd className="wg-mono">{node.scope}</dd>
      </dl>
      <h4>Cost (static estimates)</h4>
      <dl className="wg-facts" data-testid="inspector-cost">
        <dt>Params</dt>
        <dd>{compact(node.params)}</dd>
        <dt>MACs</dt>
        <dd>{compact(node.macs)}</dd>
        <dt>Other ops</dt>
        <dd>{compact(node.otherOps)}</dd>
      </dl>
      {node.costNote !== null && <p className="wg-muted">{node.costNote}</p>}
      <h4>Attributes</h4>
      {node.attributes.length === 0 ? (
        <p className="wg-muted">none</p>
      ) : (
        <table className="wg-table">
          <tbody>
            {node.attributes.map((a) => (
              <tr key={a.name}>
                <td>{a.name}</td>
                <td className="wg-mono">{a.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Slots title="Inputs" slots={node.inputs} />
      <Slots title="Outputs" slots={node.outputs} />
      <p className="wg-muted">Weight statistics and histograms are not available from the API yet.</p>
      {groups.length > 0 && (
        <>
          <h4>Dependency groups</h4>
          <ul className="wg-list">
            {groups.map((g) => (
              <li key={g.id}>
                <button type="button" className="wg-link" onClick={() => { props.onChooseGroup(g.id); }}>
                  {g.id}
                </button>{' '}
                ({g.channels} channels{g.prunable ? '' : ', blocked'})
              </li>
            ))}
          </ul>
        </>
      )}
      {chain.length > 0 && (
        <>
          <h4>Enclosing blocks</h4>
          <ul className="wg-list">
            {chain.map((id) => (
              <li key={id}>
                <button type="button" className="wg-link" onClick={() => { props.onToggleBlock(id, false); }}>
                  Collapse {props.index.blockById.get(id)?.path}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** @public */
export function Inspector(props: InspectorProps): JSX.Element {
  const { index, selected } = props;
  let body: JSX.Element;
  const node = selected === null ? undefined : index.nodeById.get(selected);
  const block = selected === null ? undefined : index.blockById.get(selected);
  const port = selected === null ? undefined : index.portById.get(selected);
  if (node !== undefined) body = <NodeDetails node={node} props={props} />;
  else if (block !== undefined) {
    body = (
      <>
        <h3 className="wg-mono" data-testid="inspector-title">{block.path}</h3>
        <dl className="wg-facts">
          <dt>Nodes</dt>
          <dd>{index.drawnCount.get(block.id) ?? 0}</dd>
          <dt>Params (estimate)</dt>
          <dd>{compact(block.params)}</dd>
          <dt>MACs (estimate)</dt>
          <dd>{compact(block.macs.total)}{block.macs.unknownNodes > 0 ? ` (${String(block.macs.unknownNodes)} nodes unknown)` : ''}</dd>
        </dl>
        <button type="button" onClick={() => { props.onToggleBlock(block.id, !props.expanded.has(block.id)); }}>
          {props.expanded.has(block.id) ? 'Collapse block' : 'Expand block'}
        </button>
      </>
    );
  } else if (port !== undefined) {
    body = (
      <>
        <h3 className="wg-mono" data-testid="inspector-title">{port.name}</h3>
        <p>Graph {port.id.startsWith('input:') ? 'input' : 'output'}</p>
        <p className="wg-mono">{typeText(port.dtype, port.shape)}</p>
      </>
    );
  } else body = <p className="wg-muted">Select a node to see its attributes, shapes and cost.</p>;
  return (
    <section className="wg-panel" aria-label="Inspector" data-testid="inspector">
      <h2>Inspector</h2>
      {body}
    </section>
  );
}
