/**
 * Where the user is, kept in the URL's hash (`#/search?q=…`, `#/doc/<id>?page=3&q=…`): the back
 * button works, a reload keeps the place, and the same URLs work over http:// and in Electron.
 */
import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { screen: 'search'; query: string }
  | { screen: 'document'; id: string; page?: number; query?: string }
  | { screen: 'library' }
  | { screen: 'import' }
  | { screen: 'sync' }
  | { screen: 'settings' };

export type Navigate = (route: Route, options?: { replace?: boolean }) => void;

export function parseRoute(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(queryPart);
  const parts = pathPart.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  switch (parts[0]) {
    case 'doc': {
      if (!parts[1]) break;
      const page = Number(params.get('page'));
      const query = params.get('q');
      return { screen: 'document', id: parts[1], ...(Number.isInteger(page) && page > 0 ? { page } : {}), ...(query ? { query } : {}) };
    }
    case 'library':
      return { screen: 'library' };
    case 'import':
      return { screen: 'import' };
    case 'sync':
      return { screen: 'sync' };
    case 'settings':
      return { screen: 'settings' };
    default:
      break;
  }
  return { screen: 'search', query: params.get('q') ?? '' };
}

export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'search':
      return route.query ? `#/search?${new URLSearchParams({ q: route.query }).toString()}` : '#/search';
    case 'document': {
      const params = new URLSearchParams();
      if (route.page) params.set('page', String(route.page));
      if (route.query) params.set('q', route.query);
      const tail = params.toString();
      return `#/doc/${encodeURIComponent(route.id)}${tail ? `?${tail}` : ''}`;
    }
    default:
      return `#/${route.screen}`;
  }
}

export function useRoute(): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback<Navigate>((next, options) => {
    const hash = formatRoute(next);
    if (options?.replace) {
      window.history.replaceState(null, '', hash);
      setRoute(parseRoute(hash));
    } else if (window.location.hash !== hash) {
      window.location.hash = hash;
    }
  }, []);
  return [route, navigate];
}
