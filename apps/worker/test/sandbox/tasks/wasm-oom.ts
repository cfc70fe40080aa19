/** Grows a WebAssembly memory 64 MiB at a time until the sandbox refuses (native memory outside the V8 heap). */

// The workspace's TS libs (ES2023, no DOM) do not declare WebAssembly; this is the sliver the task uses.
interface WasmMemory {
  grow(pages: number): number;
}
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory } };

export function run(): never {
  const memory = new wasm.Memory({ initial: 1, maximum: 65_536 });
  for (;;) memory.grow(1024);
}
