/**
 * The React Flow canvas of a laid-out graph. Positions come from the worker; the canvas only draws them:
 * `onlyRenderVisibleElements` keeps the DOM to what is on screen, boxes carry fixed sizes (so fitting the view never
 * waits for off-screen boxes to be measured), and selection is the page's own state, not React Flow's, so the
 * keyboard and the inspector agree on it.
 */
import { Background, ControlButton, Controls, MiniMap, ReactFlow, useReactFlow, type Edge } from '@xyflow/react';
import { useCallback, useEffect, useMemo, type JSX, type KeyboardEvent } from 'react';
import { nodeTypes, type ItemNode } from './graph-node.tsx';
import { LayoutProgress } from './layout-progress.tsx';
import { BOX_HEIGHT, boxWidth } from './layout/protocol.ts';
import type { LayoutState } from './layout/use-layout.ts';

/** @public */
export interface FocusRequest {
  readonly id: string;
  /** Bumped per request, so asking twice for the same item centres it twice. */
  readonly seq: number;
}

/** @public */
export interface GraphCanvasProps {
  readonly layout: LayoutState;
  readonly selected: string | null;
  readonly highlighted: ReadonlySet<string>;
  readonly matched: ReadonlySet<string>;
  readonly dropped: ReadonlySet<string>;
  readonly focus: FocusRequest | null;
  readonly onSelect: (id: string | null) => void;
  readonly onActivate: (id: string) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  readonly onCancel: () => void;
  readonly onRetry: () => void;
}

function canvasState(layout: LayoutState): 'loading' | 'ready' | 'error' {
  if (layout.status === 'done') return 'ready';
  if (layout.status === 'error' || layout.status === 'cancelled') return 'error';
  return 'loading';
}

/** @public */
export function GraphCanvas(props: GraphCanvasProps): JSX.Element {
  const { layout, selected, highlighted, matched, dropped, focus, onSelect, onActivate } = props;
  const flow = useReactFlow();
  const done = layout.status === 'done' ? layout : null;

  const nodes = useMemo<ItemNode[]>(() => {
    if (done === null) return [];
    return done.graph.items.map((item) => {
      const at = done.positions[item.id] ?? { x: 0, y: 0 };
      return {
        id: item.id,
        type: 'item',
        position: at,
        width: boxWidth(item),
        height: BOX_HEIGHT,
        draggable: false,
        data: { item, selected: item.id === selected, highlighted: highlighted.has(item.id), matched: matched.has(item.id), dropped: dropped.has(item.id) },
      };
    });
  }, [done, selected, highlighted, matched, dropped]);

  const edges = useMemo<Edge[]>(() => {
    if (done === null) return [];
    return done.graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      className: highlighted.has(e.source) && highlighted.has(e.target) ? 'is-highlighted' : '',
    }));
  }, [done, highlighted]);

  const fitAll = useCallback(() => {
    if (done === null) return;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const item of done.graph.items) {
      const at = done.positions[item.id];
      if (at === undefined) continue;
      minX = Math.min(minX, at.x);
      minY = Math.min(minY, at.y);
      maxX = Math.max(maxX, at.x + boxWidth(item));
      maxY = Math.max(maxY, at.y + BOX_HEIGHT);
    }
    if (minX === Infinity) return;
    void flow.fitBounds({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, { padding: 0.05 });
  }, [done, flow]);

  // A new layout is shown whole first; a pending focus request then centres its item.
  useEffect(() => {
    const frame = requestAnimationFrame(fitAll);
    return () => { cancelAnimationFrame(frame); };
  }, [fitAll]);

  useEffect(() => {
    if (focus === null || done === null) return;
    const at = done.positions[focus.id];
    const item = done.graph.items.find((i) => i.id === focus.id);
    if (at === undefined || item === undefined) return;
    const frame = requestAnimationFrame(() => {
      void flow.setCenter(at.x + boxWidth(item) / 2, at.y + BOX_HEIGHT / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 200 });
    });
    return () => { cancelAnimationFrame(frame); };
  }, [focus, done, flow]);

  return (
    <div
      className="wg-canvas"
      data-testid="graph-canvas"
      data-state={canvasState(layout)}
      data-items={done?.graph.items.length ?? 0}
      data-highlighted-count={highlighted.size}
      data-layout-ms={done === null ? '' : Math.round(done.ms)}
      tabIndex={0}
      aria-label="Model graph. Arrow keys move along edges, Enter expands a block, Escape clears the selection."
      onKeyDown={props.onKeyDown}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        deleteKeyCode={null}
        minZoom={0.01}
        maxZoom={2}
        onNodeClick={(_event, node) => { onSelect(node.id); }}
        onNodeDoubleClick={(_event, node) => { onActivate(node.id); }}
        onPaneClick={() => { onSelect(null); }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={fitAll} title="Fit view" aria-label="Fit view" data-testid="fit-view">
            ⤢
          </ControlButton>
        </Controls>
        <MiniMap pannable zoomable nodeClassName={(node) => ((node as ItemNode).data.highlighted ? 'wg-mini-hl' : 'wg-mini')} />
      </ReactFlow>
      {layout.status === 'running' && <LayoutProgress startedAt={layout.startedAt} items={layout.items} edges={layout.edges} onCancel={props.onCancel} />}
      {(layout.status === 'cancelled' || layout.status === 'error') && (
        <div className="wg-overlay" role="alert" data-testid="layout-stopped">
          <p>{layout.status === 'cancelled' ? 'Layout cancelled.' : `Layout failed: ${layout.message}`}</p>
          <button type="button" onClick={props.onRetry}>
            Lay out again
          </button>
        </div>
      )}
    </div>
  );
}
