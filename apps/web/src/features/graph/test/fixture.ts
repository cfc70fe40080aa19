/**
 * Small graph-view DTOs and groups reports for unit tests, built in code and checked with the shared schemas so a
 * fixture can never drift from what the API serves.
 */
import { graphViewSchema, groupsReportSchema, type GraphViewDto, type GroupsReport } from '@whittle/shared';

const cost = { total: 0, known: 0, unknownNodes: 0 };

/**
 * A chain x → n0 → n1 → … → y with node `i` named `/s<i / perStage>/b<i / perBlock>/Op<i>` (so scopes nest two deep) and a
 * residual edge into every 4th node. `hidden` lists indices of folded constants.
 */
export function chainGraph(count: number, options: { perBlock?: number; perStage?: number; hidden?: readonly number[] } = {}): GraphViewDto {
  const perBlock = options.perBlock ?? 4;
  const perStage = options.perStage ?? 16;
  const hidden = new Set(options.hidden ?? []);
  const scopeOf = (i: number) => `/s${String(Math.floor(i / perStage))}/b${String(Math.floor(i / perBlock))}`;
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${String(i)}`,
    index: i,
    name: `${scopeOf(i)}/Op${String(i)}`,
    label: `${scopeOf(i)}/Op${String(i)}`,
    opType: i % 4 === 0 ? 'Conv' : i % 4 === 3 ? 'Add' : 'Relu',
    domain: 'ai.onnx',
    scope: scopeOf(i),
    blockId: `block:${scopeOf(i)}`,
    inputs: [{ value: i === 0 ? 'x' : `v${String(i - 1)}`, dtype: 'float32', shape: [1, 8], constant: false, parameter: false }],
    outputs: [{ value: `v${String(i)}`, dtype: 'float32', shape: [1, 8], constant: false, parameter: false }],
    attributes: [],
    params: 0,
    macs: 0,
    otherOps: 0,
    costNote: null,
    weightHolder: false,
    hidden: hidden.has(i),
    subgraphCount: 0,
  }));
  const drawn = nodes.filter((n) => !n.hidden);
  const edges = [];
  let previous = 'input:x';
  for (const n of drawn) {
    edges.push({ id: `${previous}->${n.id}`, source: previous, sourceSlot: 0, target: n.id, targetSlot: 0, value: 'v', dtype: null, shape: null });
    previous = n.id;
  }
  edges.push({ id: `${previous}->output:y`, source: previous, sourceSlot: 0, target: 'output:y', targetSlot: 0, value: 'y', dtype: null, shape: null });
  for (let i = 4; i < drawn.length; i += 4) {
    const from = drawn[i - 4];
    const to = drawn[i];
    if (from !== undefined && to !== undefined) edges.push({ id: `skip${String(i)}`, source: from.id, sourceSlot: 0, target: to.id, targetSlot: 1, value: 's', dtype: null, shape: null });
  }
  const scopes = new Map<string, { parent: string | null; nodeIds: string[] }>([['/', { parent: null, nodeIds: [] }]]);
  for (const n of nodes) {
    const [stage = ''] = n.scope.split('/').filter((s) => s !== '');
    if (!scopes.has(`/${stage}`)) scopes.set(`/${stage}`, { parent: '/', nodeIds: [] });
    if (!scopes.has(n.scope)) scopes.set(n.scope, { parent: `/${stage}`, nodeIds: [] });
    scopes.get(n.scope)?.nodeIds.push(n.id);
  }
  const blocks = [...scopes].map(([path, s]) => ({
    id: `block:${path}`,
    path,
    name: path.split('/').pop() ?? '',
    parentId: s.parent === null ? null : `block:${s.parent}`,
    depth: path === '/' ? 0 : path.split('/').length - 1,
    childBlockIds: [...scopes].filter(([, c]) => c.parent === path).map(([p]) => `block:${p}`),
    nodeIds: s.nodeIds,
    nodeCount: s.nodeIds.length,
    params: 0,
    macs: cost,
    otherOps: cost,
  }));
  const port = (id: string, name: string) => ({ id, name, dtype: 'float32', shape: [1, 8], declaredShape: [1, 8] });
  return graphViewSchema.parse({
    version: 1,
    summary: {
      graphName: 'g',
      irVersion: 8,
      opsets: { 'ai.onnx': 17 },
      producer: { name: 'test', version: '' },
      nodeCount: count,
      visibleNodeCount: drawn.length,
      edgeCount: edges.length,
      initializerCount: 0,
      opCounts: {},
      params: 0,
      paramBytes: 0,
      paramBytesByDtype: {},
      macs: cost,
      otherOps: cost,
      largestActivation: null,
    },
    inputs: [port('input:x', 'x')],
    outputs: [port('output:y', 'y')],
    nodes,
    edges,
    blocks,
    shapeIssues: [],
  });
}

/** A groups report with one prunable 64-channel Conv group (weight [64, 3, 3, 3]), one blocked group and one residual block. */
export function groupsReport(): GroupsReport {
  return groupsReportSchema.parse({
    file: 'm.onnx',
    fingerprint: 'fnv1a64:0123456789abcdef',
    inputShapes: {},
    summary: { groups: 2, prunable: 1, blocked: 1, blocks: 1 },
    groups: [
      {
        id: 'conv0:1',
        root: 'conv0',
        channels: 64,
        prunable: true,
        blockedBy: [],
        members: [
          { node: 'conv0', side: 'out', value: 'conv0_out', axis: 1 },
          { node: 'conv0', side: 'param', value: 'w0', axis: 0 },
          { node: 'conv1', side: 'param', value: 'w1', axis: 1 },
        ],
        nodes: ['conv0', 'relu0', 'conv1'],
      },
      { id: 'mm:1', root: 'mm', channels: 10, prunable: false, blockedBy: ['graph output'], members: [], nodes: ['mm'] },
    ],
    blocks: [{ id: 'block:add0', add: 'add0', entry: 'x', nodes: ['conv2', 'relu2'], params: 500, macs: null }],
    notes: [],
  });
}
