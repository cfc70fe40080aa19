/** Builds the `whittle inspect` report from a loaded model: shapes → cost → graph view → report. */
import { computeCost, inferShapes, toGraphView, type GraphView, type GraphViewPort } from '@whittle/engine';
import type { InspectReport } from '@whittle/shared';
import type { InputShapes } from '../input-shapes.ts';
import type { LoadedModel } from '../loaded-model.ts';

/** Nodes listed in `costNotes` at most; the count of all of them is `macsUnknownNodes`. */
const MAX_COST_NOTES = 20;

function valueOf(port: GraphViewPort): InspectReport['inputs'][number] {
  return { name: port.name, dtype: port.dtype, shape: port.shape };
}

function notesFor(view: GraphView, inputShapes: InputShapes): string[] {
  const notes = ['Params, MACs, other ops and activation sizes are static estimates from the graph, not measurements.'];
  const symbolic = view.inputs.filter((p) => p.shape?.some((d) => typeof d === 'string') ?? false);
  if (view.summary.macs.total === null && symbolic.length > 0) {
    const example = symbolic.map((p) => `--input-shape ${p.name}=${(p.shape ?? []).map((d) => (typeof d === 'number' ? d : '<n>')).join(',')}`);
    notes.push(
      `MACs are unknown for ${String(view.summary.macs.unknownNodes)} nodes: ${symbolic.map((p) => `'${p.name}'`).join(', ')} ` +
        `${symbolic.length === 1 ? 'has' : 'have'} symbolic dims. Give concrete shapes with ${example.join(' ')}.`,
    );
  }
  if (Object.keys(inputShapes).length > 0) {
    notes.push(`Computed for input shapes ${Object.entries(inputShapes).map(([n, d]) => `${n}=[${d.join(',')}]`).join(', ')}.`);
  }
  return notes;
}

/**
 * The report of `whittle inspect` for `loaded`, with shapes inferred under `inputShapes`.
 * The caller validates it against `inspectReportSchema` before printing.
 * @public
 */
export function buildInspectReport(loaded: LoadedModel, inputShapes: InputShapes): InspectReport {
  const shapes = inferShapes(loaded.model, { inputShapes });
  return inspectReportOf(loaded, toGraphView(loaded.model, shapes, computeCost(loaded.model, shapes)), inputShapes);
}

/** The inspect report from a graph view already computed (the analyze step builds the view once for both). */
export function inspectReportOf(loaded: LoadedModel, view: GraphView, inputShapes: InputShapes): InspectReport {
  const s = view.summary;
  return {
    file: loaded.file,
    sizeBytes: loaded.sizeBytes,
    externalDataFiles: loaded.externalDataFiles,
    irVersion: s.irVersion,
    opsets: s.opsets,
    producer: s.producer,
    graphName: s.graphName,
    nodeCount: s.nodeCount,
    opCounts: s.opCounts,
    initializerCount: s.initializerCount,
    params: s.params,
    paramBytes: s.paramBytes,
    paramBytesByDtype: s.paramBytesByDtype,
    macs: s.macs.total,
    macsKnown: s.macs.known,
    macsUnknownNodes: s.macs.unknownNodes,
    otherOps: s.otherOps.total,
    inputs: view.inputs.map(valueOf),
    outputs: view.outputs.map(valueOf),
    inputShapes,
    largestActivation: s.largestActivation,
    shapeIssues: view.shapeIssues,
    costNotes: view.nodes
      .filter((n) => n.costNote !== null)
      .slice(0, MAX_COST_NOTES)
      .map((n) => ({ node: n.label, opType: n.opType, reason: n.costNote ?? '' })),
    notes: notesFor(view, inputShapes),
  };
}
