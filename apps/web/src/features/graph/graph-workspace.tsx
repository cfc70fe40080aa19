/**
 * The model's graph with its inspector and pruning mode. Owns the view state — open blocks, selection, search,
 * the chosen group and the pruning selection — and derives everything drawn from it with the pure modules.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import type { GraphViewDto, GroupsReport, ModelDto } from '@whittle/shared';
import { GraphCanvas, type FocusRequest } from './graph-canvas.tsx';
import { indexGraph, type GraphIndex } from './graph-index.ts';
import { Inspector } from './inspector.tsx';
import { isNavKey, navigate } from './keyboard-nav.ts';
import { useLayout } from './layout/use-layout.ts';
import { groupNodeIds, highlightedItems, LAYER_OPS, primaryGroup, residualBlockNodeIds } from './pruning/groups-index.ts';
import { EMPTY_SELECTION, type PruneSelection } from './pruning/plan.ts';
import { PruningHeader } from './pruning/pruning-header.tsx';
import { PruningPanel } from './pruning/pruning-panel.tsx';
import { SearchBox } from './search-box.tsx';
import { searchNodes } from './search.ts';
import { defaultExpanded, revealNode, visibleGraph } from './visible-graph.ts';

/** @public */
export interface GraphWorkspaceProps {
  readonly model: ModelDto;
  readonly graph: GraphViewDto;
  /** Undefined while loading or when the groups could not be read (pruning mode is then unavailable). */
  readonly groups: GroupsReport | undefined;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** @public */
export function GraphWorkspace(props: GraphWorkspaceProps): JSX.Element {
  const index = useDeferredIndex(props.graph);
  if (index === null) {
    return (
      <div className="wg-canvas" data-testid="graph-canvas" data-state="loading">
        <p role="status">Preparing {props.graph.summary.nodeCount.toLocaleString('en-US')} nodes…</p>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <Workspace {...props} index={index} />
    </ReactFlowProvider>
  );
}

/**
 * Indexes the graph in its own task, after the page has painted: with the default view computed in the next render,
 * a 10k-node graph never costs one long task on the main thread.
 */
function useDeferredIndex(graph: GraphViewDto): GraphIndex | null {
  const [index, setIndex] = useState<GraphIndex | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => { setIndex(indexGraph(graph)); }, 0);
    return () => { clearTimeout(timer); };
  }, [graph]);
  return index?.dto === graph ? index : null;
}

function Workspace({ model, graph, groups, index }: GraphWorkspaceProps & { readonly index: GraphIndex }): JSX.Element {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => defaultExpanded(index));
  const visible = useMemo(() => visibleGraph(index, expanded), [index, expanded]);
  const { state: layout, run, cancel } = useLayout();
  useEffect(() => { run(visible); }, [visible, run]);

  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const focusSeq = useRef(0);
  const [query, setQuery] = useState('');
  const [pruning, setPruning] = useState(false);
  const [activeGroupId, setActiveGroupId] = useState<string | null>(null);
  const [shownBlockId, setShownBlockId] = useState<string | null>(null);
  const [selection, setSelection] = useState<PruneSelection>(EMPTY_SELECTION);

  const focusOn = useCallback((id: string) => { setFocus({ id, seq: ++focusSeq.current }); }, []);
  const openBlocks = useCallback((next: ReadonlySet<string>) => { setExpanded((prev) => (sameSet(prev, next) ? prev : next)); }, []);

  const selectedItem = selected === null ? null : (visible.standIn.get(selected) ?? selected);
  const selectedNode = selected === null ? undefined : index.nodeById.get(selected);

  const chooseGroup = useCallback((groupId: string | null) => {
    setActiveGroupId(groupId);
    setShownBlockId(null);
    if (groupId !== null) setPruning(true);
  }, []);

  const select = useCallback((id: string | null) => {
    setSelected(id);
    const node = id === null ? undefined : index.nodeById.get(id);
    if (pruning && groups !== undefined && node !== undefined && LAYER_OPS.has(node.opType)) {
      setActiveGroupId(primaryGroup(groups, node.label)?.id ?? null);
      setShownBlockId(null);
    }
  }, [index, pruning, groups]);

  const jumpTo = useCallback((nodeId: string) => {
    openBlocks(revealNode(index, nodeId, expanded));
    select(nodeId);
    focusOn(nodeId);
  }, [index, expanded, openBlocks, select, focusOn]);

  const toggleBlock = useCallback((blockId: string, open: boolean) => {
    const next = new Set(expanded);
    if (open) next.add(blockId);
    else next.delete(blockId);
    openBlocks(next);
    setSelected(open ? null : blockId);
    if (!open) focusOn(blockId);
  }, [expanded, openBlocks, focusOn]);

  const activate = useCallback((itemId: string) => {
    if (index.blockById.has(itemId) && !expanded.has(itemId)) toggleBlock(itemId, true);
  }, [index, expanded, toggleBlock]);

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (isNavKey(event.key) && layout.status === 'done') {
      event.preventDefault();
      const next = navigate(layout.graph, layout.positions, selectedItem, event.key);
      if (next !== null) {
        select(next);
        focusOn(next);
      }
    } else if (event.key === 'Enter' && selectedItem !== null) {
      event.preventDefault();
      activate(selectedItem);
    } else if (event.key === 'Escape') {
      setSelected(null);
      setActiveGroupId(null);
      setShownBlockId(null);
      setQuery('');
    }
  }, [layout, selectedItem, select, focusOn, activate]);

  const highlightNodes = useMemo(() => {
    if (!pruning || groups === undefined) return new Set<string>();
    const group = groups.groups.find((g) => g.id === activeGroupId);
    if (group !== undefined) return groupNodeIds(index, group);
    const block = groups.blocks.find((b) => b.id === shownBlockId);
    return block === undefined ? new Set<string>() : residualBlockNodeIds(index, block);
  }, [pruning, groups, activeGroupId, shownBlockId, index]);
  const highlighted = useMemo(() => highlightedItems(highlightNodes, visible.standIn), [highlightNodes, visible]);
  const matched = useMemo(() => highlightedItems(new Set(searchNodes(index, query).hits.map((n) => n.id)), visible.standIn), [index, query, visible]);
  const dropped = useMemo(() => {
    if (!pruning || groups === undefined) return new Set<string>();
    const ids = new Set<string>();
    for (const block of groups.blocks) if (selection.dropBlocks.has(block.id)) for (const id of residualBlockNodeIds(index, block)) ids.add(id);
    return highlightedItems(ids, visible.standIn);
  }, [pruning, groups, selection, index, visible]);

  // Weight shapes for the params estimate, built only once pruning mode is opened.
  const shapes = useMemo(() => {
    const map = new Map<string, readonly (string | number)[]>();
    if (!pruning) return map;
    for (const node of graph.nodes) for (const slot of [...node.inputs, ...node.outputs]) if (slot.shape !== null) map.set(slot.value, slot.shape);
    return map;
  }, [graph, pruning]);
  const shapeOf = useCallback((value: string) => shapes.get(value), [shapes]);

  return (
    <div className="wg-workspace" data-testid="graph-workspace">
      <div className="wg-toolbar">
        <SearchBox index={index} query={query} onQuery={setQuery} onJump={jumpTo} />
        <button type="button" onClick={() => { openBlocks(new Set(index.blockById.keys())); }} data-testid="expand-all">
          Expand all blocks
        </button>
        <button type="button" onClick={() => { openBlocks(new Set([...index.blockById.values()].filter((b) => b.parentId === null).map((b) => b.id))); }} data-testid="collapse-all">
          Collapse all blocks
        </button>
        <button
          type="button"
          aria-pressed={pruning}
          disabled={groups === undefined}
          data-testid="pruning-toggle"
          onClick={() => { setPruning((p) => !p); }}
          title={groups === undefined ? 'Dependency groups are not loaded.' : undefined}
        >
          {pruning ? 'Leave pruning mode' : 'Pruning mode'}
        </button>
      </div>
      {pruning && groups !== undefined && <PruningHeader model={model} report={groups} selection={selection} totalParams={graph.summary.params} shapeOf={shapeOf} />}
      <div className="wg-main">
        <GraphCanvas
          layout={layout}
          selected={selectedItem}
          highlighted={highlighted}
          matched={matched}
          dropped={dropped}
          focus={focus}
          onSelect={select}
          onActivate={activate}
          onKeyDown={onKeyDown}
          onCancel={cancel}
          onRetry={() => { run(visible); }}
        />
        <div className="wg-side">
          {pruning && groups !== undefined && (
            <PruningPanel
              report={groups}
              selection={selection}
              activeGroupId={activeGroupId}
              highlightedCount={highlightNodes.size}
              selectedLabel={selectedNode?.label ?? null}
              onSelection={setSelection}
              onChooseGroup={chooseGroup}
              onShowBlock={(id) => { setActiveGroupId(null); setShownBlockId(id); }}
            />
          )}
          <Inspector index={index} selected={selected} expanded={expanded} groups={groups} onToggleBlock={toggleBlock} onChooseGroup={chooseGroup} />
        </div>
      </div>
    </div>
  );
}
