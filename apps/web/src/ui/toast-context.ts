import { createContext, useContext } from 'react';

/** One toast. @public */
export interface ToastInput {
  readonly kind: 'success' | 'error' | 'info';
  readonly text: string;
  /** An optional link (a hash route) shown after the text. */
  readonly href?: string;
  readonly linkText?: string;
}

/** Shows a toast. @public */
export type ShowToast = (toast: ToastInput) => void;

/** @public */
export const ToastContext = createContext<ShowToast | null>(null);

/** The toast function of the nearest {@link ToastProvider}. @public */
export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (show === null) throw new Error('useToast needs a ToastProvider above it');
  return show;
}
