import type { HostTensor } from '../../src/runtime/inference-runtime.ts';

/** The named output of a runtime result; throws (failing the test) when the runtime did not return it. */
export function outputNamed(outputs: Readonly<Record<string, HostTensor>>, name: string): HostTensor {
  const tensor = outputs[name];
  if (tensor === undefined) {
    throw new Error(`The runtime returned no output '${name}'; it returned [${Object.keys(outputs).join(', ')}].`);
  }
  return tensor;
}
