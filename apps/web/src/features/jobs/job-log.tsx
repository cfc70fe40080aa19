import type { JobLogDto } from '@whittle/shared';
import { useEffect, useRef, type JSX } from 'react';

/** A job's log lines as they stream in; follows the tail unless the reader scrolled up. @public */
export function JobLog({ logs }: { readonly logs: readonly JobLogDto[] }): JSX.Element {
  const box = useRef<HTMLPreElement>(null);
  const following = useRef(true);
  useEffect(() => {
    const element = box.current;
    if (element !== null && following.current) element.scrollTop = element.scrollHeight;
  }, [logs]);
  if (logs.length === 0) return <p className="empty">No log lines yet.</p>;
  return (
    <pre
      ref={box}
      className="job-log"
      data-testid="job-log"
      tabIndex={0}
      aria-label="Job log"
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - 8;
      }}
    >
      {logs.map((line) => (
        <div key={line.seq} className={`log-${line.level}`}>
          {new Date(line.at).toLocaleTimeString()} {line.level.padEnd(5)} {line.message}
        </div>
      ))}
    </pre>
  );
}
