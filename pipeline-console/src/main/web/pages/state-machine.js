/**
 * A state machine: what it is, and its definition as a graph (with the validation diagnostics
 * where they point) and as formatted JSON, in two tabs.
 */
import { call } from '../api.js';
import { h } from '../dom.js';
import { formatDate, typeName } from '../format.js';
import { graphView } from '../graph/view.js';
import { jsonView } from '../json-view.js';
import { tabs } from '../tabs.js';

/** @param {{main: HTMLElement, params: string[]}} context */
export async function stateMachinePage({ main, params }) {
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
  const graph = await graphView({
    definition,
    diagnostics: validation.diagnostics ?? [],
    title: machine.name,
  });
  status.remove();
  main.append(
    h(
      'dl',
      { class: 'facts' },
      fact('Type', typeName(machine.type)),
      fact('Status', machine.status),
      fact('Created', formatDate(machine.creationDate)),
      fact('ARN', h('code', {}, machine.stateMachineArn)),
    ),
    tabs('Definition views', [
      { id: 'graph', label: 'Graph', content: graph.element, onShow: graph.fit },
      {
        id: 'definition',
        label: 'Definition',
        content: jsonView(definition, `Definition of ${machine.name}`),
      },
    ]),
  );
  graph.fit();
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
