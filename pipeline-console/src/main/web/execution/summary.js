/**
 * The head of an execution's page: its name and status (announced when it changes), what can be
 * done with it (stop, redrive, start another with the same input), when it ran, its error and
 * cause, its input and output.
 */
import { h } from '../dom.js';
import { formatDate, formatDuration, stateMachinePath } from '../format.js';
import { jsonView } from '../json-view.js';
import { executionBadge } from './icons.js';
import { isRedrivable } from './status.js';

/**
 * @param {{
 *   title: HTMLElement,
 *   machine: {name: string, stateMachineArn: string},
 *   onStop: () => void,
 *   onRedrive: () => void,
 *   onStartAnother: () => void,
 * }} actions
 *   `title`: the page's heading, already shown, which the summary names the execution in
 * @returns {{
 *   breadcrumb: HTMLElement,
 *   element: HTMLElement,
 *   update: (described: object) => void,
 *   live: (text: string) => void,
 * }} the breadcrumb goes before the title, the element after it
 */
export function executionSummary({ title, machine, onStop, onRedrive, onStartAnother }) {
  const status = h('p', { class: 'execution-status', role: 'status', 'aria-live': 'polite' });
  const liveNote = h('p', { class: 'muted live-note' });
  const stop = h('button', { type: 'button', class: 'danger', onclick: onStop }, 'Stop');
  const redrive = h('button', { type: 'button', onclick: onRedrive }, 'Redrive');
  const another = h('button', { type: 'button', onclick: onStartAnother }, 'New execution');
  const facts = h('dl', { class: 'facts' });
  const failure = h('section', {
    class: 'failure-box',
    'aria-labelledby': 'failure-title',
    hidden: true,
  });
  const data = h('div', { class: 'io' });
  const breadcrumb = h(
    'nav',
    { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
    h('a', { href: '/console/state-machines' }, 'State machines'),
    ' › ',
    h('a', { href: stateMachinePath(machine.stateMachineArn) }, machine.name),
    ' › ',
    h('a', { href: `${stateMachinePath(machine.stateMachineArn)}?tab=executions` }, 'Executions'),
  );
  const element = h(
    'div',
    { class: 'execution-summary' },
    h(
      'div',
      { class: 'status-line' },
      status,
      h('div', { class: 'page-actions' }, stop, redrive, another),
    ),
    liveNote,
    facts,
    failure,
    data,
  );
  let shownStatus = null;
  let shownData = null;
  return {
    breadcrumb,
    element,
    live: (text) => {
      liveNote.textContent = text;
    },
    update(described) {
      title.textContent = described.name;
      if (described.status !== shownStatus) {
        shownStatus = described.status;
        status.replaceChildren('Status: ', executionBadge(described.status));
      }
      stop.hidden = described.status !== 'RUNNING';
      redrive.hidden = !isRedrivable(described);
      const stopped = described.stopDate;
      const now = Date.now() / 1000;
      const shown = [
        fact(
          'State machine',
          h('a', { href: stateMachinePath(machine.stateMachineArn) }, machine.name),
        ),
        fact('Started', formatDate(described.startDate)),
        fact('Stopped', stopped ? formatDate(stopped) : '—'),
        fact('Duration', formatDuration((stopped ?? now) - described.startDate)),
        described.redriveCount > 0 ? fact('Redrives', String(described.redriveCount)) : null,
        fact('ARN', h('code', {}, described.executionArn)),
      ];
      facts.replaceChildren(...shown.filter(Boolean));
      failure.hidden = !described.error && !described.cause;
      failure.replaceChildren(
        h('h2', { id: 'failure-title' }, 'Error'),
        h(
          'dl',
          { class: 'facts' },
          fact('Error', described.error ?? ''),
          fact('Cause', described.cause ?? ''),
        ),
      );
      const key = `${described.input}\n${described.output}`;
      if (key !== shownData) {
        shownData = key;
        data.replaceChildren(
          io('Input', described.input, 'Execution input'),
          io('Output', described.output, 'Execution output'),
        );
      }
    },
  };
}

function io(title, text, label) {
  let content;
  if (text === undefined || text === null) content = h('p', { class: 'muted' }, 'None yet.');
  else {
    try {
      content = jsonView(JSON.parse(text), label);
    } catch {
      content = h('pre', { class: 'json', tabindex: 0, role: 'region', 'aria-label': label }, text);
    }
  }
  return h('section', { class: 'io-part', 'aria-label': label }, h('h2', {}, title), content);
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}
