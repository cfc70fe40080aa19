import { EngineError, EngineErrorCode } from '../errors.ts';

/** Magic numbers of formats people upload by mistake, so the error can say what the file really is. */
const SIGNATURES: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a ZIP archive (PyTorch checkpoints and NPZ files are ZIPs)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'an empty ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'a Python pickle (never loaded: pickles run code)', bytes: [0x80, 0x02] },
  { name: 'a Python pickle (never loaded: pickles run code)', bytes: [0x80, 0x03] },
  { name: 'a Python pickle (never loaded: pickles run code)', bytes: [0x80, 0x04] },
  { name: 'a Python pickle (never loaded: pickles run code)', bytes: [0x80, 0x05] },
  { name: 'a NumPy array (.npy)', bytes: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] },
  { name: 'an HDF5 file (Keras)', bytes: [0x89, 0x48, 0x44, 0x46] },
  { name: 'a TensorFlow Lite model', bytes: [0x1c, 0x00, 0x00, 0x00, 0x54, 0x46, 0x4c, 0x33] },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

/** True when the first bytes look like text (HTML, JSON, a README): printable ASCII or UTF-8 with a '<' or '{'. */
function looksLikeText(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, Math.min(bytes.length, 64));
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09 || head[i] === 0xef || head[i] === 0xbb || head[i] === 0xbf)) i++;
  const first = head[i];
  if (first === 0x3c) return 'an HTML or XML document';
  if (first === 0x7b || first === 0x5b) return 'a JSON document';
  return undefined;
}

/**
 * Refuses bytes that are plainly not an ONNX model before the protobuf decoder sees them.
 * ONNX files start with field 1 (ir_version, varint) in practice, but the format does not require it, so only known
 * foreign signatures are refused here; everything else goes to the decoder.
 */
export function sniffModelBytes(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) {
    throw new EngineError(EngineErrorCode.EmptyFile, 'The file is empty; expected an ONNX model (a protobuf ModelProto).');
  }
  for (const sig of SIGNATURES) {
    if (startsWith(bytes, sig.bytes)) {
      throw new EngineError(EngineErrorCode.NotOnnx, `The file is ${sig.name}, not an ONNX model.`);
    }
  }
  const text = looksLikeText(bytes);
  if (text !== undefined) throw new EngineError(EngineErrorCode.NotOnnx, `The file is ${text}, not an ONNX model.`);
}
