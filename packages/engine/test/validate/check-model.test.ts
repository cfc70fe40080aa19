import { describe, expect, it } from 'vitest';
import { EngineError, EngineErrorCode } from '../../src/errors.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { tensorFromArray } from '../../src/ir/tensor.ts';
import type { IrAttribute, IrFunction, IrGraph, IrModel, IrNode } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { readModel } from '../../src/onnx/read.ts';
import { checkModel } from '../../src/validate/check-model.ts';
import { DEFAULT_LIMITS, type ModelLimits } from '../../src/validate/limits.ts';
import { baseModel } from '../bad-inputs/craft.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { runBytes } from '../helpers/run-model.ts';
import { graphAttr, irGraph, irNode } from './ir-parts.ts';

function modelOf(graph: IrGraph, extra: Partial<IrModel> = {}): IrModel {
  return { ...baseModel(), graph, ...extra };
}

function codeOf(model: IrModel, limits: ModelLimits = DEFAULT_LIMITS): string {
  try {
    checkModel(model, limits);
    return 'accepted';
  } catch (error) {
    if (error instanceof EngineError) return error.code;
    throw error;
  }
}

const trueValue: IrAttribute = {
  name: 'value',
  refAttrName: '',
  docString: '',
  type: 'TENSOR',
  value: tensorFromArray('', DataType.BOOL, [], Uint8Array.from([1])),
};
const condNode = irNode('Constant', [], ['cond'], [trueValue], 'cond');

/** An If whose branches are given; its output is `o`. */
function ifNode(thenBranch: IrGraph, elseBranch: IrGraph, name = 'if'): IrNode {
  return irNode('If', ['cond'], ['o'], [graphAttr('then_branch', thenBranch), graphAttr('else_branch', elseBranch)], name);
}

describe('checkModel: order and scopes', () => {
  it('accepts nodes listed out of order, and onnxruntime agrees on the result', async () => {
    const inOrder = baseModel();
    const reversed: IrModel = { ...inOrder, graph: { ...inOrder.graph, nodes: [...inOrder.graph.nodes].reverse() } };
    const model = readModel(writeModel(reversed));
    expect(model.graph.nodes[0]?.opType).toBe('Relu');
    const x = { type: 'float32' as const, dims: [2, 3], data: Float32Array.from([-3, -2, -1, 0, 1, 2]) };
    const [a, b] = await Promise.all([runBytes(writeModel(inOrder), { x }), runBytes(writeModel(reversed), { x })]);
    expect(a['y']?.dims).toEqual([2, 3]);
    expect(b['y']?.data).toEqual(a['y']?.data);
  });

  it('accepts a subgraph that reads an outer value produced later in file order, and onnxruntime runs it', async () => {
    const graph = irGraph(
      'main',
      [
        condNode,
        ifNode(irGraph('then', [irNode('Identity', ['r'], ['t'])], { outputs: ['t'] }), irGraph('else', [irNode('Neg', ['x'], ['e'])], { outputs: ['e'] })),
        irNode('Relu', ['x'], ['r'], [], 'relu'),
      ],
      { inputs: ['x'], outputs: ['o'] },
    );
    const model = modelOf(graph);
    expect(codeOf(model)).toBe('accepted');
    const out = await runBytes(writeModel(model), { x: { type: 'float32', dims: [3], data: Float32Array.from([-1, 0, 2]) } });
    expect(Array.from(out['o']?.data as Float32Array)).toEqual([0, 0, 2]);
  });

  it('refuses a cycle that runs through a subgraph’s outer-scope read', () => {
    const graph = irGraph(
      'main',
      [
        condNode,
        ifNode(irGraph('then', [irNode('Identity', ['a'], ['t'])], { outputs: ['t'] }), irGraph('else', [irNode('Neg', ['x'], ['e'])], { outputs: ['e'] })),
        irNode('Relu', ['o'], ['a'], [], 'relu'),
      ],
      { inputs: ['x'], outputs: ['o'] },
    );
    expect(codeOf(modelOf(graph))).toBe(EngineErrorCode.GraphCycle);
  });

  it('refuses a read of a value that only a sibling subgraph defines', () => {
    const graph = irGraph(
      'main',
      [
        condNode,
        ifNode(irGraph('then', [irNode('Neg', ['x'], ['t'])], { outputs: ['t'] }), irGraph('else', [irNode('Identity', ['t'], ['e'])], { outputs: ['e'] })),
      ],
      { inputs: ['x'], outputs: ['o'] },
    );
    expect(() => {
      checkModel(modelOf(graph), DEFAULT_LIMITS);
    }).toThrow(/graph\.node\[1\]\.attribute\[else_branch\]\.node\[0\]\) reads 't'/);
  });

  it('refuses a subgraph node output that reuses an enclosing graph’s name (SSA across scopes)', () => {
    const graph = irGraph(
      'main',
      [
        condNode,
        irNode('Relu', ['x'], ['r'], [], 'relu'),
        ifNode(irGraph('then', [irNode('Neg', ['x'], ['r'])], { outputs: ['r'] }), irGraph('else', [irNode('Neg', ['x'], ['e'])], { outputs: ['e'] })),
      ],
      { inputs: ['x'], outputs: ['o'] },
    );
    expect(codeOf(modelOf(graph))).toBe(EngineErrorCode.DuplicateValue);
  });

  it('accepts an initializer that shares its name with a graph input (a default value, IR ≥ 4)', () => {
    const w = tensorFromArray('x', DataType.FLOAT, [2], Float32Array.from([1, 2]));
    const graph = irGraph('main', [irNode('Relu', ['x'], ['y'])], { inputs: ['x'], outputs: ['y'], initializers: [w] });
    expect(codeOf(modelOf(graph))).toBe('accepted');
  });

  it('refuses two initializers with one name', () => {
    const w = tensorFromArray('w', DataType.FLOAT, [2], Float32Array.from([1, 2]));
    const graph = irGraph('main', [irNode('Relu', ['w'], ['y'])], { outputs: ['y'], initializers: [w, w] });
    expect(codeOf(modelOf(graph))).toBe(EngineErrorCode.DuplicateValue);
  });

  it('refuses subgraphs nested deeper than maxGraphDepth in an IR built in code', () => {
    let inner = irGraph('leaf', [irNode('Neg', ['x'], ['n5'])], { outputs: ['n5'] });
    for (let level = 4; level >= 1; level--) {
      inner = irGraph(`level${String(level)}`, [irNode('If', ['cond'], [`n${String(level)}`], [graphAttr('then_branch', inner), graphAttr('else_branch', inner)])], { outputs: [`n${String(level)}`] });
    }
    const graph = irGraph('main', [condNode, irNode('If', ['cond'], ['o'], [graphAttr('then_branch', inner), graphAttr('else_branch', inner)])], { inputs: ['x'], outputs: ['o'] });
    expect(codeOf(modelOf(graph), { ...DEFAULT_LIMITS, maxGraphDepth: 4 })).toBe(EngineErrorCode.NestingTooDeep);
    expect(codeOf(modelOf(graph))).toBe('accepted');
  });
});

describe('checkModel: domains and functions', () => {
  function localFunction(overrides: Partial<IrFunction> = {}): IrFunction {
    return {
      name: 'Twice',
      domain: 'local',
      overload: '',
      inputs: ['a'],
      outputs: ['b'],
      attributes: [],
      attributeProtos: [],
      nodes: [irNode('Add', ['a', 'a'], ['b'])],
      opsetImports: [{ domain: '', version: 17 }],
      valueInfo: [],
      docString: '',
      metadataProps: [],
      ...overrides,
    };
  }
  const callTwice: IrNode = { ...irNode('Twice', ['x'], ['y']), domain: 'local' };
  const withLocal = (fn: IrFunction, call: IrNode = callTwice): IrModel =>
    modelOf(irGraph('main', [call], { inputs: ['x'], outputs: ['y'] }), {
      functions: [fn],
      opsetImports: [
        { domain: '', version: 17 },
        { domain: 'local', version: 1 },
      ],
    });

  it('accepts a call to a model-local function in its own domain, and onnxruntime runs it', async () => {
    const model = withLocal(localFunction());
    expect(codeOf(model)).toBe('accepted');
    const out = await runBytes(writeModel(model), { x: { type: 'float32', dims: [2], data: Float32Array.from([1, 2]) } });
    expect(Array.from(out['y']?.data as Float32Array)).toEqual([2, 4]);
  });

  it('refuses a call whose overload matches no function', () => {
    expect(codeOf(withLocal(localFunction(), { ...callTwice, overload: 'v2' }))).toBe(EngineErrorCode.UnknownDomain);
  });

  it('refuses a function body that reads an undefined value', () => {
    const fn = localFunction({ nodes: [irNode('Add', ['a', 'ghost'], ['b'])] });
    expect(() => {
      checkModel(withLocal(fn), DEFAULT_LIMITS);
    }).toThrow(/functions\[0\]\.node\[0\]\) reads 'ghost'/);
  });

  it('refuses a function body op whose domain the function does not import', () => {
    const fn = localFunction({ nodes: [{ ...irNode('FusedGelu', ['a'], ['b']), domain: 'com.microsoft' }] });
    expect(codeOf(withLocal(fn))).toBe(EngineErrorCode.MissingOpset);
  });

  it('refuses two functions with the same (domain, name, overload)', () => {
    const model = withLocal(localFunction());
    expect(codeOf({ ...model, functions: [localFunction(), localFunction()] })).toBe(EngineErrorCode.DuplicateValue);
  });

  it('accepts built-in com.microsoft contrib ops when the domain is imported', () => {
    const graph = irGraph('main', [{ ...irNode('FusedGelu', ['x'], ['y']), domain: 'com.microsoft' }], { inputs: ['x'], outputs: ['y'] });
    const model = modelOf(graph, { opsetImports: [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }] });
    expect(codeOf(model)).toBe('accepted');
  });
});

describe('real models', () => {
  it.each(PADDLE_MODELS)('reads the PaddleOCR $id model with every check passing', ({ file }) => {
    const model = readModel(readPaddleModel(file));
    expect(model.graph.nodes.length).toBeGreaterThan(400);
  });
});
