// A link inside the console: a real <a href> (so it opens in a new tab, and reads as a link), that
// navigates without a reload on a plain click.
import type { ComponentChildren } from 'preact';
import { href, navigate } from '../lib/router';

export function Link(props: { to: string; children: ComponentChildren; current?: boolean }) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={href(props.to)} onClick={onClick} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}
