/**
 * A state machine: what it is, its definition as a graph (with the validation diagnostics where
 * they point) and as formatted JSON, and its executions (Standard only), in tabs; `?tab=` names
 * the tab shown first. Start execution opens the dialog that starts one.
 */
import { call } from '../api.js';
import { startExecutionDialog } from '../dialogs/execution-dialogs.js';
import { h } from '../dom.js';
import { executionsList } from '../execution/list-view.js';
import { executionPath, formatDate, typeName } from '../format.js';
import { graphView } from '../graph/view.js';
import { jsonView } from '../json-view.js';
import { tabs } from '../tabs.js';

/**
 * @param {{
 *   main: HTMLElement,
 *   params: string[],
 *   url: URL,
 *   navigate: (path: string) => void,
 *   signal: AbortSignal,
 * }} context
 */
export async function stateMachinePage({ main, params, url, navigate, signal }) {
  const arn = decodeURIComponent(params[0]);
  const title = h('h1', { id: 'page-title', tabindex: -1 }, arn.split(':').at(-1));
  const status = h('p', { class: 'status', role: 'status' }, 'Loading the state machine…');
  main.replaceChildren(breadcrumb(), title, status);
  const machine = await call('DescribeStateMachine', { stateMachineArn: arn });
  title.textContent = machine.name;
  document.title = `${machine.name} · pipeline console`;
  const definition = JSON.parse(machine.definition);
  const validation = await call('ValidateStateMachineDefinition', {
    definition: machine.definition,
    type: machine.type,
    severity: 'WARNING',
  });
  const drawing = performance.now();
  const graph = await graphView({
    definition,
    diagnostics: validation.diagnostics ?? [],
    title: machine.name,
  });
  status.remove();
  const start = () =>
    startExecutionDialog({
      machines: [machine],
      onStarted: (executionArn) => navigate(executionPath(executionArn)),
    });
  const executions =
    machine.type === 'EXPRESS'
      ? null
      : executionsList({
          machines: [machine],
          query: url.searchParams,
          caption: `Executions of ${machine.name}`,
          showMachine: false,
          applyFilters: (query) => {
            query.set('tab', 'executions');
            navigate(`${url.pathname}?${query}`);
          },
          onStart: start,
          signal,
        });
  main.append(
    h(
      'dl',
      { class: 'facts' },
      fact('Type', typeName(machine.type)),
      fact('Status', machine.status),
      fact('Created', formatDate(machine.creationDate)),
      fact('ARN', h('code', {}, machine.stateMachineArn)),
    ),
    machine.type === 'EXPRESS'
      ? null
      : h(
          'div',
          { class: 'page-actions' },
          h('button', { type: 'button', class: 'primary', onclick: start }, 'Start execution'),
        ),
    tabs(
      'Definition views',
      [
        { id: 'graph', label: 'Graph', content: graph.element, onShow: graph.fit },
        {
          id: 'definition',
          label: 'Definition',
          content: jsonView(definition, `Definition of ${machine.name}`),
        },
        ...(executions
          ? [{ id: 'executions', label: 'Executions', content: executions.element }]
          : []),
      ],
      url.searchParams.get('tab') ?? 'graph',
    ),
  );
  graph.fit();
  // What the README reports: definition to drawn graph, layout included.
  performance.measure('console:graph', { start: drawing });
  await executions?.load();
}

function breadcrumb() {
  return h(
    'nav',
    { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
    h('a', { href: '/console/state-machines' }, 'State machines'),
  );
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}
