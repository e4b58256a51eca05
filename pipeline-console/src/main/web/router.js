/**
 * The console's addresses are paths under /console/ (the orchestrator answers index.html for each),
 * changed with the History API: links work, reload and back work, and no request leaves the page
 * for them.
 */

const BASE = '/console/';

/**
 * @param {(url: URL) => void} show renders the page of a URL
 * @returns {{navigate: (path: string, options?: {replace?: boolean}) => void, start: () => void}}
 */
export function createRouter(show) {
  const navigate = (path, { replace = false } = {}) => {
    const url = new URL(path, location.origin);
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    show(url);
  };
  const start = () => {
    addEventListener('popstate', () => show(new URL(location.href)));
    document.addEventListener('click', (event) => {
      const link = event.target.closest?.('a[href]');
      if (!link || link.target || link.hasAttribute('download')) return;
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      const url = new URL(link.href);
      if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
      event.preventDefault();
      navigate(url.pathname + url.search);
    });
    show(new URL(location.href));
  };
  return { navigate, start };
}

/** A path under /console/ to come back to after signing in; anything else is not followed. */
export function safeReturnPath(path) {
  return typeof path === 'string' && path.startsWith(BASE) ? path : null;
}
