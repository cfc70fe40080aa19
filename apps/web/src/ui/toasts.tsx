import { useCallback, useEffect, useRef, useState, type JSX, type ReactNode } from 'react';
import { ToastContext, type ToastInput } from './toast-context.ts';

/** How long a toast stays; errors stay until dismissed, since their message is what the user needs. */
const TOAST_MS = 8000;

interface Toast extends ToastInput {
  readonly id: number;
}

/** Holds the toasts and renders them in a polite live region at the corner of the page. @public */
export function ToastProvider({ children }: { readonly children: ReactNode }): JSX.Element {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-4), { ...input, id }]);
      if (input.kind !== 'error') {
        const timer = setTimeout(() => {
          timers.current.delete(timer);
          dismiss(id);
        }, TOAST_MS);
        timers.current.add(timer);
      }
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);

  return (
    <ToastContext value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.kind}`} data-testid="toast" data-kind={toast.kind}>
            <span>{toast.text}</span>
            {toast.href !== undefined && <a href={toast.href}>{toast.linkText ?? 'Open'}</a>}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => { dismiss(toast.id); }}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext>
  );
}
