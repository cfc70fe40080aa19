/**
 * Name scopes from node names, the way Netron groups ONNX nodes: exporters write the module path into the node
 * name (`/layer1/0/conv1/Conv` from PyTorch, `model/conv1/Conv2D` from TensorFlow), so every '/'-separated prefix
 * but the last segment is a scope.
 */

/** The root scope: nodes without a '/' in their name, and nodes with empty names (Paddle exports). */
export const ROOT_SCOPE = '/';

function segments(name: string): string[] {
  return name.split('/').filter((s) => s !== '');
}

/**
 * The innermost scope of a node name: `/layer1/0/conv1/Conv` → `/layer1/0/conv1`; `Conv_0`, `/Conv` and '' → `/`.
 * @public
 */
export function nodeScope(name: string): string {
  const parts = segments(name).slice(0, -1);
  return parts.length === 0 ? ROOT_SCOPE : `/${parts.join('/')}`;
}

/**
 * The chain of scopes from the root down to `scope`, inclusive: `/a/b` → [`/`, `/a`, `/a/b`].
 * @public
 */
export function scopeChain(scope: string): string[] {
  const parts = segments(scope);
  return [ROOT_SCOPE, ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

/**
 * The enclosing scope, or undefined for the root.
 * @public
 */
export function parentScope(scope: string): string | undefined {
  const chain = scopeChain(scope);
  return chain.length < 2 ? undefined : chain[chain.length - 2];
}
