/**
 * The console's start: who is signed in, the page of the address, the header around it. Pages are
 * functions of the address that fill `<main>`; they may load what they show afterwards.
 */
import { ApiError, currentSession, onSignedOut, signOut } from './api.js';
import { h } from './dom.js';
import { executionPage } from './pages/execution.js';
import { executionsPage } from './pages/executions.js';
import { pipelinePage } from './pages/pipeline.js';
import { signInPage } from './pages/sign-in.js';
import { stateMachinePage } from './pages/state-machine.js';
import { stateMachinesPage } from './pages/state-machines.js';
import { waitingTasksPage } from './pages/waiting-tasks.js';
import { createRouter, safeReturnPath } from './router.js';

const SIGN_IN = '/console/sign-in';
const HOME = '/console/state-machines';

const ROUTES = [
  { pattern: /^\/console\/sign-in$/, title: 'Sign in', page: signInPage, public: true },
  { pattern: /^\/console\/state-machines$/, title: 'State machines', page: stateMachinesPage },
  {
    pattern: /^\/console\/state-machines\/([^/]+)$/,
    title: 'State machine',
    page: stateMachinePage,
  },
  { pattern: /^\/console\/executions$/, title: 'Executions', page: executionsPage },
  { pattern: /^\/console\/executions\/([^/]+)$/, title: 'Execution', page: executionPage },
  { pattern: /^\/console\/tasks$/, title: 'Waiting tasks', page: waitingTasksPage },
  { pattern: /^\/console\/pipeline$/, title: 'Pipeline', page: pipelinePage },
];

const app = document.getElementById('app');
let session = null;
let pageAbort = new AbortController();

const router = createRouter(async (url) => {
  pageAbort.abort();
  pageAbort = new AbortController();
  const route = ROUTES.find((candidate) => candidate.pattern.test(url.pathname));
  if (url.pathname === '/console/' || url.pathname === '/console')
    return router.navigate(HOME, { replace: true });
  if (route && !route.public && session === null) {
    return router.navigate(`${SIGN_IN}?next=${encodeURIComponent(url.pathname + url.search)}`, {
      replace: true,
    });
  }
  const main = h('main', { id: 'main', tabindex: -1 });
  app.replaceChildren(skipLink(), header(), main);
  document.title = `${route?.title ?? 'Not found'} · pipeline console`;
  if (!route) {
    main.append(
      h('h1', { id: 'page-title', tabindex: -1 }, 'Page not found'),
      h('p', {}, h('a', { href: HOME }, 'State machines')),
    );
    return;
  }
  const params = url.pathname.match(route.pattern).slice(1);
  const shown = route.page({
    main,
    params,
    url,
    navigate: router.navigate,
    signal: pageAbort.signal,
    onSignedIn: (signedIn) => {
      session = signedIn;
      router.navigate(safeReturnPath(url.searchParams.get('next')) ?? HOME, { replace: true });
    },
  });
  if (!main.contains(document.activeElement)) main.querySelector('#page-title')?.focus();
  try {
    await shown;
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) return;
    main.append(
      h(
        'div',
        { class: 'error', role: 'alert' },
        failure instanceof ApiError
          ? `${failure.type}: ${failure.message}`
          : `Something went wrong: ${failure.message}`,
      ),
    );
  }
});

function skipLink() {
  return h(
    'a',
    {
      class: 'skip-link',
      href: '#main',
      onclick: (event) => {
        event.preventDefault();
        document.getElementById('main').focus();
      },
    },
    'Skip to content',
  );
}

function header() {
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: HOME }, 'pipeline console'),
    session === null
      ? null
      : h(
          'nav',
          { 'aria-label': 'Main' },
          h('a', { href: HOME }, 'State machines'),
          h('a', { href: '/console/executions' }, 'Executions'),
          h('a', { href: '/console/tasks' }, 'Waiting tasks'),
          h('a', { href: '/console/pipeline' }, 'Pipeline'),
        ),
    session === null
      ? null
      : h(
          'div',
          { class: 'user' },
          h('span', {}, `Signed in as ${session.name}`),
          h(
            'button',
            {
              type: 'button',
              onclick: async () => {
                await signOut();
                session = null;
                router.navigate(SIGN_IN);
              },
            },
            'Sign out',
          ),
        ),
  );
}

onSignedOut(() => {
  session = null;
  if (location.pathname !== SIGN_IN) {
    router.navigate(`${SIGN_IN}?next=${encodeURIComponent(location.pathname + location.search)}`, {
      replace: true,
    });
  }
});

session = await currentSession();
router.start();
