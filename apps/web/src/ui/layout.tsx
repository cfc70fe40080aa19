import type { JSX, ReactNode } from 'react';

/** Props of {@link Layout}. @public */
export interface LayoutProps {
  /** Right side of the header: who is signed in. */
  readonly user?: ReactNode;
  readonly children: ReactNode;
}

/** The page frame: a header with the studio's name (a link home) and the user, then the screen. @public */
export function Layout({ user, children }: LayoutProps): JSX.Element {
  return (
    <div className="app">
      <header className="app-header">
        <a className="app-name" href="#/">
          Whittle studio
        </a>
        <div className="app-user">{user}</div>
      </header>
      <main className="app-main">{children}</main>
    </div>
  );
}

/** A titled section of a page. @public */
export function Section({ title, actions, children, testId }: { readonly title: string; readonly actions?: ReactNode; readonly children: ReactNode; readonly testId?: string }): JSX.Element {
  return (
    <section className="section" data-testid={testId} aria-label={title}>
      <div className="section-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
