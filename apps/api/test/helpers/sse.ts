/** One Server-Sent Event. */
export interface ServerSentEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: string;
}

/** Parses an SSE body into its events (comment lines and `retry:` skipped). */
export function parseEvents(text: string): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n').filter((line) => line !== '' && !line.startsWith(':'));
    const field = (name: string): string | undefined => {
      const values = lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).replace(/^ /, ''));
      return values.length === 0 ? undefined : values.join('\n');
    };
    const data = field('data');
    const event = field('event');
    if (data === undefined && event === undefined) continue;
    events.push({ event: event ?? 'message', id: field('id'), data: data ?? '' });
  }
  return events;
}
