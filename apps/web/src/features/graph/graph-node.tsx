/**
 * The three kinds of box on the canvas: an op node, a collapsed block (with its node count), and a graph input or
 * output. Flags arrive in `data` so React Flow re-renders a box only when its own look changes.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, type JSX } from 'react';
import type { VisibleItem } from './visible-graph.ts';

/** What each box needs to draw itself. @public */
export type ItemData = {
  readonly item: VisibleItem;
  readonly selected: boolean;
  readonly highlighted: boolean;
  readonly matched: boolean;
  readonly dropped: boolean;
};

/** @public */
export type ItemNode = Node<ItemData, 'item'>;

function classes(data: ItemData): string {
  return [
    'wg-box',
    `wg-${data.item.kind}`,
    data.selected ? 'is-selected' : '',
    data.highlighted ? 'is-highlighted' : '',
    data.matched ? 'is-match' : '',
    data.dropped ? 'is-dropped' : '',
  ].filter((c) => c !== '').join(' ');
}

function Body({ item }: { readonly item: VisibleItem }): JSX.Element {
  switch (item.kind) {
    case 'node':
      return (
        <>
          <span className="wg-op">{item.opType}</span>
          <span className="wg-label">{item.label}</span>
        </>
      );
    case 'block':
      return (
        <>
          <span className="wg-op">▸ {item.label}</span>
          <span className="wg-label">{item.count} nodes · Enter to expand</span>
        </>
      );
    case 'port':
      return (
        <>
          <span className="wg-op">{item.label}</span>
          <span className="wg-label">{item.detail}</span>
        </>
      );
  }
}

function ItemBox({ data }: NodeProps<ItemNode>): JSX.Element {
  return (
    <div
      className={classes(data)}
      data-testid="graph-node"
      data-id={data.item.id}
      data-kind={data.item.kind}
      data-highlighted={data.highlighted ? 'true' : 'false'}
      data-selected={data.selected ? 'true' : 'false'}
      title={data.item.label}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <Body item={data.item} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** @public */
export const nodeTypes = { item: memo(ItemBox) };
