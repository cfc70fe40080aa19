/**
 * Allocates 64 MiB off-heap buffers without bound, touching every page and holding each one (catalogue rows 31,
 * 32: a ConstantOfShape that asks onnxruntime for 2^44 elements). Only the address-space cap stops it.
 */
export function run(input: { catchErrors: boolean }): number {
  const held: Buffer[] = [];
  for (;;) {
    try {
      held.push(Buffer.alloc(64 * 1024 * 1024, 1));
    } catch (error) {
      if (input.catchErrors) return held.length;
      throw error;
    }
  }
}
