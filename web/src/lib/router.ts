// Routing by path under /console/: the server answers index.html for every such path, and the
// console decides what to show from location.pathname and its query.
import { useEffect, useState } from 'preact/hooks';

export const kBase = '/console/';

export interface Route {
  // The path under /console/ split on '/', e.g. ['cohorts', '2019'].
  segments: string[];
  query: URLSearchParams;
}

function current(): Route {
  const path = location.pathname.startsWith(kBase) ? location.pathname.slice(kBase.length) : '';
  return {
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(location.search),
  };
}

const listeners = new Set<() => void>();

// Goes to a path under /console/ ("cohorts/2019?as_of=...") without reloading the page.
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = kBase + path.replace(/^\//, '');
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((listener) => listener());
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

export function href(path: string): string {
  return kBase + path.replace(/^\//, '');
}
