import { Fragment, type JSX } from 'react';

/** A trail of links above a page title. @public */
export function Breadcrumbs({ items }: { readonly items: readonly { readonly label: string; readonly href: string }[] }): JSX.Element {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      {items.map((item, index) => (
        <Fragment key={item.href}>
          {index > 0 && ' / '}
          <a href={item.href}>{item.label}</a>
        </Fragment>
      ))}
    </nav>
  );
}
