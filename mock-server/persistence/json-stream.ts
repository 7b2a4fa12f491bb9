/**
 * JSON written piece by piece: the state can be larger than one JavaScript string may be (a few
 * hundred MB), so it is never built whole. Objects and arrays down to `depth` are walked; below it
 * each value is stringified on its own (a participant, a member), and the pieces are handed on in
 * chunks of about `chunkBytes`. The default depth stops at one participant or member of the state,
 * stringified whole: walking into each one's fields made writing 200,000 of them 8 times slower
 * (1.4 s against 0.17 s for the 100,000 + 100,000 world, a 41 MB snapshot).
 */
export function* jsonChunks(value: unknown, depth = 5, chunkBytes = 1 << 20): Generator<string> {
  let buffer = '';
  for (const piece of pieces(value, depth)) {
    buffer += piece;
    if (buffer.length >= chunkBytes) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

function* pieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) yield ',';
      yield* pieces(value[i] === undefined ? null : value[i], depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === undefined || typeof child === 'function') continue;
    if (!first) yield ',';
    first = false;
    yield `${JSON.stringify(key)}:`;
    yield* pieces(child, depth - 1);
  }
  yield '}';
}
