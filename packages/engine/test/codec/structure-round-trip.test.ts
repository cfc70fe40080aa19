import { beforeAll, describe, expect, it } from 'vitest';
import { findAttribute, subgraphsOf } from '../../src/ir/attributes.ts';
import type { IrModel, IrNode } from '../../src/ir/types.ts';
import { installFastByteEquality } from '../helpers/byte-equality.ts';
import { EXTERNAL_ENTRIES, structureZooModel } from './models/structure-zoo.ts';
import { roundTrip } from './round-trip.ts';

beforeAll(installFastByteEquality);

function nodeNamed(model: IrModel, name: string): IrNode {
  const n = model.graph.nodes.find((x) => x.name === name);
  if (n === undefined) throw new Error(`No node '${name}'.`);
  return n;
}

describe('graph structure through writeModel and back', () => {
  const written = structureZooModel();
  const read = roundTrip(written);

  it('keeps If then/else branches with their nodes, initializers and outputs', () => {
    const branches = subgraphsOf(nodeNamed(read, 'branch'));
    expect(branches.map((g) => g.name)).toEqual(['then_branch', 'else_branch']);
    expect(branches.map((g) => g.nodes.map((n) => n.name))).toEqual([['then_add'], ['else_mul']]);
    expect(branches[0]?.initializers.map((t) => t.name)).toEqual(['one']);
    expect(branches).toStrictEqual(subgraphsOf(nodeNamed(written, 'branch')));
  });

  it('keeps the Loop body with its iteration, condition and carried inputs', () => {
    const [body] = subgraphsOf(nodeNamed(read, 'loop'));
    expect(body?.inputs.map((v) => v.name)).toEqual(['iteration', 'cond_in', 'v_in']);
    expect(nodeNamed(read, 'loop').inputs).toEqual(['trip', '', 'loop_init']);
    expect(body).toStrictEqual(subgraphsOf(nodeNamed(written, 'loop'))[0]);
  });

  it('keeps sparse initializers: values, indices and dense dims', () => {
    expect(read.graph.sparseInitializers).toHaveLength(1);
    expect(read.graph.sparseInitializers).toStrictEqual(written.graph.sparseInitializers);
    expect(read.graph.sparseInitializers[0]?.dims).toEqual([4, 4]);
  });

  it('keeps metadata_props on model, graph, node, value_info and tensor', () => {
    expect(read.metadataProps).toEqual([
      { key: 'whittle.lineage', value: '{"parent":"abc","step":"prune"}' },
      { key: 'ключ', value: '值' },
    ]);
    expect(read.graph.metadataProps).toEqual([{ key: 'graph.key', value: 'graph value' }]);
    expect(nodeNamed(read, 'branch').metadataProps).toEqual([{ key: 'node.key', value: 'node value' }]);
    expect(read.graph.inputs[0]?.metadataProps).toEqual([{ key: 'unit', value: 'px' }]);
    expect(read.graph.initializers[0]?.metadataProps).toEqual([{ key: 'origin', value: 'external' }]);
  });

  it('keeps opset imports, com.microsoft and the local function domain included, in file order', () => {
    expect(read.opsetImports).toEqual([
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
      { domain: 'whittle.local', version: 1 },
    ]);
    expect(nodeNamed(read, 'fused')).toMatchObject({ domain: 'com.microsoft', overload: 'v2' });
  });

  it('keeps doc strings on model, graph, node, attribute, value_info and tensor', () => {
    expect(read.docString).toBe('model doc: ünïcode ✓');
    expect(read.graph.docString).toBe('graph doc');
    expect(nodeNamed(read, 'branch').docString).toBe('chooses x + 1 or x * x');
    expect(findAttribute(nodeNamed(read, 'branch'), 'then_branch')?.docString).toBe('then doc');
    expect(read.graph.inputs[0]?.docString).toBe('input doc');
    expect(read.graph.initializers[0]?.docString).toBe('stored beside the model');
  });

  it('keeps model-local functions with attribute defaults and ref_attr_name attributes', () => {
    const [scaleBy] = read.functions;
    expect(scaleBy).toMatchObject({ name: 'ScaleBy', domain: 'whittle.local', attributes: ['alpha'] });
    expect(scaleBy?.attributeProtos).toEqual([{ name: 'beta', refAttrName: '', docString: '', type: 'FLOAT', value: 0.5 }]);
    expect(scaleBy?.nodes[0]?.attributes[0]).toMatchObject({ name: 'value_float', refAttrName: 'alpha', type: 'FLOAT' });
    expect(read.functions).toStrictEqual(written.functions);
  });

  it('keeps external-data entries in order, checksum and unknown keys included', () => {
    const [external] = read.graph.initializers;
    expect(external?.data).toEqual({ kind: 'external', location: 'weights.bin', offset: 4096, length: 64, entries: [...EXTERNAL_ENTRIES] });
  });

  it('keeps quantization annotations', () => {
    expect(read.graph.quantizationAnnotations).toEqual([{ tensorName: 'branched', quantParameterTensorNames: [{ key: 'SCALE_TENSOR', value: 'branched_scale' }] }]);
  });

  it('keeps non-tensor value types, denotations, unknown dims and untyped values', () => {
    expect(read.graph.valueInfo.map((v) => v.type?.kind ?? 'untyped')).toEqual(['sequence', 'map', 'optional', 'sparse-tensor', 'unknown', 'untyped']);
    expect(read.graph.valueInfo).toStrictEqual(written.graph.valueInfo);
    expect(read.graph.outputs[1]?.type).toMatchObject({ kind: 'tensor', shape: ['N', '?'] });
    expect(read.graph.inputs[0]?.type).toMatchObject({ denotation: 'TENSOR' });
  });

  it('carries training info, device configurations and node device configurations as opaque bytes', () => {
    expect(read.opaque).toStrictEqual(written.opaque);
    expect(read.opaque.trainingInfo[0]?.byteLength).toBeGreaterThan(0);
    expect(nodeNamed(read, 'branch').opaque).toStrictEqual(nodeNamed(written, 'branch').opaque);
  });

  it('keeps the model header: IR version, producer, domain, model version', () => {
    expect(read).toMatchObject({ irVersion: 10, producerName: 'whittle-tests', producerVersion: '0.1.0', domain: 'dev.whittle', modelVersion: 42n });
  });
});
