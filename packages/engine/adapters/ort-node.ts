/**
 * `InferenceRuntime` over onnxruntime-node (CPU execution provider). The only engine file that imports
 * onnxruntime-node; exported as the `@whittle/engine/ort-node` subpath so engine `src/` stays platform-free.
 */
import * as ort from 'onnxruntime-node';
import { EngineError, EngineErrorCode } from '../src/errors.ts';
import type {
  HostTensor,
  HostTensorType,
  InferenceRuntime,
  InferenceSession,
  SessionOptions,
  ValueMetadata,
} from '../src/runtime/inference-runtime.ts';

const ORT_VERSION: string = ort.env.versions.common;

function toOrtTensor(t: HostTensor): ort.Tensor {
  return new ort.Tensor(t.type, t.data, [...t.dims]);
}

function fromOrtTensor(name: string, t: ort.Tensor): HostTensor {
  const supported: readonly string[] = [
    'float32', 'float64', 'float16', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'bool', 'string',
  ];
  if (!supported.includes(t.type)) {
    throw new EngineError(EngineErrorCode.Runtime, `Output '${name}' has type ${t.type}, which Whittle cannot read back.`, name);
  }
  return { type: t.type as HostTensorType, dims: [...t.dims], data: t.data };
}

function metadataOf(list: readonly ort.InferenceSession.ValueMetadata[]): ValueMetadata[] {
  return list.map((m) =>
    m.isTensor
      ? { name: m.name, dims: [...m.shape], type: m.type }
      : { name: m.name, dims: undefined, type: undefined },
  );
}

/*
 * onnxruntime puts host paths in some messages: its own source files ("/onnxruntime_src/.../element_wise_ops.h:563")
 * and model or data files. Error messages must not carry paths (DESIGN.md §8), so absolute paths to files with a
 * source/library/data extension, and any Windows drive path, become "<path>", and bare C++ source locations become
 * "<source>". Node names keep their "/" scopes ("/layer1/Conv"): they have no such extension.
 */
const POSIX_FILE_PATH = /(?:\/[^\s'"/]+)+\.(?:h|hh|hpp|c|cc|cpp|cxx|cu|inc|py|js|mjs|cjs|ts|so|dll|dylib|onnx|ort|bin|data|pb|txt|json)(?:[:(]\d+\)?)?/g;
const WINDOWS_PATH = /[A-Za-z]:\\[^\s'"]*/g;
/** What remains of a C++ source location without its directory ("tensorprotoutils.cc:461"). */
const SOURCE_LOCATION = /\b[\w.-]+\.(?:h|hh|hpp|c|cc|cpp|cxx|cu|inc):\d+/g;

function redactHostPaths(message: string): string {
  return message.replace(POSIX_FILE_PATH, '<path>').replace(WINDOWS_PATH, '<path>').replace(SOURCE_LOCATION, '<source>');
}

/**
 * `ENGINE_ERR_RUNTIME` for a failed onnxruntime call (`what`: "session creation", "run"), its message without host
 * paths. Exported for code that drives onnxruntime-node directly (the benchmark owns its session options).
 * @public
 */
export function runtimeError(what: string, error: unknown): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  return new EngineError(EngineErrorCode.Runtime, `onnxruntime ${what} failed: ${redactHostPaths(message).trim().slice(0, 400)}`);
}

class OrtNodeSession implements InferenceSession {
  constructor(private readonly session: ort.InferenceSession) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }
  get inputMetadata(): readonly ValueMetadata[] {
    return metadataOf(this.session.inputMetadata);
  }
  get outputMetadata(): readonly ValueMetadata[] {
    return metadataOf(this.session.outputMetadata);
  }

  async run(feeds: Readonly<Record<string, HostTensor>>, fetches?: readonly string[]): Promise<Record<string, HostTensor>> {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(t);
    let results: ort.InferenceSession.ReturnType;
    try {
      results = fetches ? await this.session.run(ortFeeds, [...fetches]) : await this.session.run(ortFeeds);
    } catch (error) {
      throw runtimeError('run', error);
    }
    const out: Record<string, HostTensor> = {};
    for (const [name, t] of Object.entries(results)) out[name] = fromOrtTensor(name, t);
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** onnxruntime-node with the CPU execution provider. */
export const ortNodeRuntime: InferenceRuntime = {
  name: `onnxruntime-node ${ORT_VERSION} (cpu)`,
  version: ORT_VERSION,
  async createSession(model: Uint8Array, options: SessionOptions = {}): Promise<InferenceSession> {
    const ortOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      ...(options.intraOpThreads !== undefined && { intraOpNumThreads: options.intraOpThreads }),
      ...(options.interOpThreads !== undefined && { interOpNumThreads: options.interOpThreads }),
      ...(options.graphOptimization !== undefined && { graphOptimizationLevel: options.graphOptimization }),
      ...(options.externalData !== undefined && {
        externalData: options.externalData.map((f) => ({ path: f.path, data: f.data })),
      }),
    };
    try {
      return new OrtNodeSession(await ort.InferenceSession.create(model, ortOptions));
    } catch (error) {
      throw runtimeError('session creation', error);
    }
  },
};
