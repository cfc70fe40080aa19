/** Throws like EngineError does on invalid input: a stable code and a human message. */
class EngineLikeError extends Error {
  readonly code = 'ENGINE_ERR_SHAPE_MISMATCH';
}

export function run(): never {
  throw new EngineLikeError("Node 'Add_1': shapes [1,3] and [4] cannot broadcast.");
}
