/**
 * The executions of every Standard state machine, newest first, filtered and paged (Express
 * executions are not listed by the API: their events go to the Express log topic).
 */
import { listAll } from '../api.js';
import { startExecutionDialog } from '../dialogs/execution-dialogs.js';
import { h } from '../dom.js';
import { executionsList } from '../execution/list-view.js';
import { executionPath } from '../format.js';

/**
 * @param {{main: HTMLElement, url: URL, navigate: (path: string) => void, signal: AbortSignal}} context
 */
export async function executionsPage({ main, url, navigate, signal }) {
  const status = h('p', { class: 'status', role: 'status' }, 'Loading state machines…');
  main.replaceChildren(h('h1', { id: 'page-title', tabindex: -1 }, 'Executions'), status);
  const { items } = await listAll('ListStateMachines', { maxResults: 1000 }, 'stateMachines');
  const machines = items.filter((machine) => machine.type !== 'EXPRESS');
  if (machines.length === 0) {
    status.textContent = 'There is no Standard state machine yet.';
    return;
  }
  status.remove();
  const list = executionsList({
    machines,
    query: url.searchParams,
    caption: 'Executions of every Standard state machine',
    showMachine: true,
    applyFilters: (query) => navigate(`${url.pathname}?${query}`),
    onStart: () =>
      startExecutionDialog({
        machines,
        onStarted: (executionArn) => navigate(executionPath(executionArn)),
      }),
    signal,
  });
  main.append(list.element);
  await list.load();
}
