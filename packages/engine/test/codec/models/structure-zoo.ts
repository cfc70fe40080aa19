/**
 * A model covering the structural parts of ONNX that the codec must keep even though no transform reads them:
 * If and Loop subgraphs, sparse initializers, metadata_props on model, graph, node, tensor and value_info, opset
 * imports beyond the default domain (com.microsoft, a local function domain), doc strings everywhere, a model-local
 * function with default and `ref_attr_name` attributes, external-data tensors with every entry (including unknown
 * keys), quantization annotations, non-tensor value types, node overloads, and opaque training info and device
 * configurations. Not meant to run.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { DeviceConfigurationProtoSchema, NodeDeviceConfigurationProtoSchema, TrainingInfoProtoSchema } from 'onnx-buf';
import { DataType } from '../../../src/ir/dtype.ts';
import type { IrFunction, IrModel, IrTensor } from '../../../src/ir/types.ts';
import { attribute, graph, node, rawTensor, tensorType, typedTensor, valueInfo } from './ir-parts.ts';

const FLOAT = DataType.FLOAT;
const scalar = (name: string, v: number): IrTensor => typedTensor(name, FLOAT, [], Float32Array.of(v));

/** Entries as an external-data writer emits them, plus a key this engine does not know. */
export const EXTERNAL_ENTRIES = [
  { key: 'location', value: 'weights.bin' },
  { key: 'offset', value: '4096' },
  { key: 'length', value: '64' },
  { key: 'checksum', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { key: 'x-vendor-hint', value: 'mmap' },
] as const;

const externalWeight: IrTensor = {
  name: 'external_w',
  dtype: FLOAT,
  dims: [16],
  data: { kind: 'external', location: 'weights.bin', offset: 4096, length: 64, entries: EXTERNAL_ENTRIES },
  docString: 'stored beside the model',
  metadataProps: [{ key: 'origin', value: 'external' }],
};

const thenBranch = graph('then_branch', {
  nodes: [node('Add', ['x', 'one'], ['then_y'], { name: 'then_add' })],
  initializers: [scalar('one', 1)],
  outputs: [valueInfo('then_y', tensorType(FLOAT, ['N']))],
  docString: 'taken when cond is true',
});
const elseBranch = graph('else_branch', {
  nodes: [node('Mul', ['x', 'x'], ['else_y'], { name: 'else_mul', metadataProps: [{ key: 'depth', value: '1' }] })],
  outputs: [valueInfo('else_y', tensorType(FLOAT, ['N']))],
});
const loopBody = graph('loop_body', {
  nodes: [
    node('Identity', ['cond_in'], ['cond_out']),
    node('Add', ['v_in', 'x'], ['v_out'], { name: 'accumulate' }),
  ],
  inputs: [
    valueInfo('iteration', tensorType(DataType.INT64, [])),
    valueInfo('cond_in', tensorType(DataType.BOOL, [])),
    valueInfo('v_in', tensorType(FLOAT, undefined)),
  ],
  outputs: [valueInfo('cond_out', tensorType(DataType.BOOL, [])), valueInfo('v_out', tensorType(FLOAT, undefined))],
});

/** `ScaleBy(X) = X · alpha + beta`, alpha taken from the caller by ref_attr_name, beta with a default. */
export const scaleByFunction: IrFunction = {
  name: 'ScaleBy',
  domain: 'whittle.local',
  overload: '',
  inputs: ['X'],
  outputs: ['Y'],
  attributes: ['alpha'],
  attributeProtos: [attribute('beta', { type: 'FLOAT', value: 0.5 })],
  nodes: [
    node('Constant', [], ['alpha_value'], { attributes: [attribute('value_float', { type: 'FLOAT', value: 0 }, { refAttrName: 'alpha' })] }),
    node('Constant', [], ['beta_value'], { attributes: [attribute('value_float', { type: 'FLOAT', value: 0 }, { refAttrName: 'beta' })] }),
    node('Mul', ['X', 'alpha_value'], ['scaled']),
    node('Add', ['scaled', 'beta_value'], ['Y']),
  ],
  opsetImports: [{ domain: '', version: 17 }],
  valueInfo: [valueInfo('scaled', tensorType(FLOAT, undefined))],
  docString: 'X * alpha + beta',
  metadataProps: [{ key: 'source', value: 'hand-written' }],
};

/** A function whose body refers to a TENSOR attribute of the caller: the file carries no tensor in the body. */
export const addTensorFunction: IrFunction = {
  ...scaleByFunction,
  name: 'AddTensor',
  attributes: ['addend'],
  attributeProtos: [],
  nodes: [
    node('Constant', [], ['addend_value'], {
      // The file holds no tensor here; the IR holds an empty placeholder (no name, dtype 0, no dims, no bytes).
      attributes: [attribute('value', { type: 'TENSOR', value: rawTensor('', 0, [], []) }, { refAttrName: 'addend' })],
    }),
    node('Add', ['X', 'addend_value'], ['Y']),
  ],
  valueInfo: [],
  docString: '',
  metadataProps: [],
};

export function structureZooModel(): IrModel {
  const trainingInfo = toBinary(TrainingInfoProtoSchema, create(TrainingInfoProtoSchema, { initializationBinding: [{ key: 'w', value: 'w_init' }] }));
  const configuration = toBinary(DeviceConfigurationProtoSchema, create(DeviceConfigurationProtoSchema, { name: 'pair', numDevices: 2, device: ['cpu:0', 'cpu:1'] }));
  const nodeConfiguration = toBinary(NodeDeviceConfigurationProtoSchema, create(NodeDeviceConfigurationProtoSchema, { configurationId: 'pair', pipelineStage: 1 }));

  const main = graph('structure_zoo', {
    docString: 'graph doc',
    metadataProps: [{ key: 'graph.key', value: 'graph value' }],
    inputs: [
      valueInfo('x', tensorType(FLOAT, ['N'], 'TENSOR'), { docString: 'input doc', metadataProps: [{ key: 'unit', value: 'px' }] }),
      valueInfo('cond', tensorType(DataType.BOOL, [])),
      valueInfo('trip', tensorType(DataType.INT64, [])),
    ],
    outputs: [valueInfo('scaled', tensorType(FLOAT, ['N'])), valueInfo('looped', tensorType(FLOAT, ['N', '?']))],
    valueInfo: [
      valueInfo('seq', { kind: 'sequence', elem: tensorType(FLOAT, undefined), denotation: '' }),
      valueInfo('dict', { kind: 'map', keyType: DataType.INT64, value: tensorType(FLOAT, [3]), denotation: '' }),
      valueInfo('maybe', { kind: 'optional', elem: tensorType(FLOAT, [1]), denotation: '' }),
      valueInfo('sparse_value', { kind: 'sparse-tensor', elemType: FLOAT, shape: [4, 4], denotation: '' }),
      valueInfo('opaque', { kind: 'unknown', denotation: 'IMAGE' }),
      valueInfo('untyped', undefined),
    ],
    initializers: [externalWeight],
    sparseInitializers: [
      {
        values: typedTensor('sparse_w', FLOAT, [3], Float32Array.of(1, 2, 3)),
        indices: typedTensor('sparse_w_indices', DataType.INT64, [3], BigInt64Array.of(0n, 5n, 15n)),
        dims: [4, 4],
      },
    ],
    quantizationAnnotations: [{ tensorName: 'branched', quantParameterTensorNames: [{ key: 'SCALE_TENSOR', value: 'branched_scale' }] }],
    nodes: [
      node('If', ['cond'], ['branched'], {
        name: 'branch',
        docString: 'chooses x + 1 or x * x',
        metadataProps: [{ key: 'node.key', value: 'node value' }],
        attributes: [
          attribute('then_branch', { type: 'GRAPH', value: thenBranch }, { docString: 'then doc' }),
          attribute('else_branch', { type: 'GRAPH', value: elseBranch }),
        ],
        opaque: [nodeConfiguration],
      }),
      node('Constant', [], ['loop_init'], { attributes: [attribute('value', { type: 'TENSOR', value: scalar('', 0) })] }),
      node('Loop', ['trip', '', 'loop_init'], ['looped'], { name: 'loop', attributes: [attribute('body', { type: 'GRAPH', value: loopBody })] }),
      node('ScaleBy', ['branched'], ['scaled'], { name: 'scale', domain: 'whittle.local', attributes: [attribute('alpha', { type: 'FLOAT', value: 2.5 })] }),
      node('FusedMatMul', ['x', 'x'], ['fused'], { name: 'fused', domain: 'com.microsoft', overload: 'v2', attributes: [attribute('alpha', { type: 'FLOAT', value: 1 })] }),
    ],
  });

  return {
    irVersion: 10,
    opsetImports: [
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
      { domain: 'whittle.local', version: 1 },
    ],
    producerName: 'whittle-tests',
    producerVersion: '0.1.0',
    domain: 'dev.whittle',
    modelVersion: 42n,
    docString: 'model doc: ünïcode ✓',
    graph: main,
    functions: [scaleByFunction, addTensorFunction],
    metadataProps: [
      { key: 'whittle.lineage', value: '{"parent":"abc","step":"prune"}' },
      { key: 'ключ', value: '值' },
    ],
    opaque: { trainingInfo: [trainingInfo], configuration: [configuration] },
  };
}

