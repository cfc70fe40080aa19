/**
 * The only door to an ONNX runtime. Engine code depends on this interface, never on `onnxruntime-*`; adapters
 * (`@whittle/engine/ort-node`, later ort-web) implement it, as onnxruntime's own common/node/web split does.
 */

/** Element types a host tensor may carry across the runtime boundary. */
export type HostTensorType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

/** A tensor on the host side of the runtime: plain typed data plus dims. */
export interface HostTensor {
  readonly type: HostTensorType;
  readonly dims: readonly number[];
  readonly data:
    | Float32Array
    | Float64Array
    | Int8Array
    | Uint8Array
    | Int16Array
    | Uint16Array
    | Int32Array
    | Uint32Array
    | BigInt64Array
    | BigUint64Array
    | readonly string[];
}

/** A file the model references as external data, handed to the runtime as bytes. */
export interface ExternalFile {
  readonly path: string;
  readonly data: Uint8Array;
}

export interface SessionOptions {
  readonly intraOpThreads?: number;
  readonly interOpThreads?: number;
  /** 'disabled' keeps every node as written (needed when comparing intermediate values). */
  readonly graphOptimization?: 'disabled' | 'basic' | 'extended' | 'all';
  readonly externalData?: readonly ExternalFile[];
}

export interface ValueMetadata {
  readonly name: string;
  /** Symbolic dims are strings; undefined for non-tensor values. */
  readonly dims: readonly (number | string)[] | undefined;
  readonly type: string | undefined;
}

export interface InferenceSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ValueMetadata[];
  readonly outputMetadata: readonly ValueMetadata[];
  /** Runs the model; `fetches` limits the outputs computed (default: all). */
  run(feeds: Readonly<Record<string, HostTensor>>, fetches?: readonly string[]): Promise<Record<string, HostTensor>>;
  release(): Promise<void>;
}

export interface InferenceRuntime {
  /** e.g. `onnxruntime-node 1.30.0 (cpu)`. */
  readonly name: string;
  readonly version: string;
  createSession(model: Uint8Array, options?: SessionOptions): Promise<InferenceSession>;
}
