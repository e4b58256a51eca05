/**
 * The pipeline at a glance (GetPipelineOverview): its topics with their records, write rate now
 * and over the sampled window, dead-letter topics marked with their counts, and consumer groups
 * with their lag now and over the window; this instance's counts below. Kafka's offsets are the
 * source; the page refreshes as often as the orchestrator samples them, and says so when Kafka
 * cannot be read.
 */
import { ApiError, call } from '../api.js';
import { sparkline } from '../charts/sparkline.js';
import { describeFailure } from '../dialog.js';
import { h } from '../dom.js';
import { formatCount, formatRate, formatSpan } from '../figures.js';
import { formatDate } from '../format.js';
import { refreshEvery } from '../refresh.js';

const DEFAULT_INTERVAL_MS = 5000;

/** @param {{main: HTMLElement, signal: AbortSignal}} context */
export function pipelinePage({ main, signal }) {
  const summary = h('p', { class: 'status', id: 'pipeline-summary' }, 'Loading the pipeline…');
  const banner = h('div', {
    class: 'error banner',
    id: 'pipeline-error',
    role: 'alert',
    hidden: true,
  });
  const deadLetters = h('div', {
    class: 'dead-letter-summary',
    id: 'dead-letter-summary',
    hidden: true,
  });
  const topics = h('tbody');
  const groups = h('tbody');
  const instance = h('dl', { class: 'facts' });
  const topicCaption = h('caption', {}, 'Topics');
  const groupCaption = h('caption', {}, 'Consumer groups');
  main.replaceChildren(
    h('h1', { id: 'page-title', tabindex: -1 }, 'Pipeline'),
    summary,
    banner,
    deadLetters,
    section(
      'Topics',
      table(
        'topics',
        topicCaption,
        ['Topic', 'Partitions', 'Records', 'Rate now', 'Rate over time'],
        topics,
      ),
    ),
    section(
      'Consumer groups',
      table(
        'groups',
        groupCaption,
        ['Group', 'State', 'Lag now', 'Lag by topic', 'Lag over time'],
        groups,
      ),
    ),
    section(
      'This instance',
      h(
        'p',
        { class: 'intro' },
        'Counted by the instance that answers, since it started; the figures above are Kafka’s, the same on every instance.',
      ),
      instance,
    ),
  );
  let interval = DEFAULT_INTERVAL_MS;

  const show = (overview) => {
    interval = Math.max(1000, (overview.intervalSeconds ?? DEFAULT_INTERVAL_MS / 1000) * 1000);
    const window = windowOf(overview);
    const span = window > 0 ? ` over the last ${formatSpan(window)}` : '';
    summary.textContent =
      overview.sampledAt === undefined
        ? 'No sample of Kafka’s offsets yet.'
        : `Sampled from Kafka’s offsets at ${formatDate(overview.sampledAt)}, every ${formatSpan(interval / 1000)}; charts${span}.`;
    showBanner(
      overview.error === undefined
        ? null
        : `Kafka cannot be read: ${overview.error}.${overview.sampledAt === undefined ? '' : ' The figures are those of the last sample.'}`,
    );
    topicCaption.textContent = `Topics with their records and write rate${span}`;
    groupCaption.textContent = `Consumer groups with their lag${span}`;
    topics.replaceChildren(...overview.topics.map(topicRow));
    groups.replaceChildren(...overview.groups.map(groupRow));
    showDeadLetters(overview.topics.filter((topic) => topic.deadLetters));
    instance.replaceChildren(...instanceFacts(overview.instance ?? {}));
  };

  const showBanner = (text) => {
    banner.hidden = text === null;
    if (text !== null && banner.textContent !== text) banner.textContent = text;
  };

  const showDeadLetters = (dead) => {
    const waiting = dead.filter((topic) => topic.records > 0);
    deadLetters.hidden = waiting.length === 0;
    const total = waiting.reduce((sum, topic) => sum + topic.records, 0);
    deadLetters.textContent = `Dead letters: ${formatCount(total)} in ${waiting.length === 1 ? '1 topic' : `${waiting.length} topics`} (${waiting.map((topic) => topic.name).join(', ')}).`;
  };

  const load = async () => {
    try {
      const overview = await call('GetPipelineOverview', {});
      if (!signal.aborted) show(overview);
    } catch (error) {
      if (signal.aborted || (error instanceof ApiError && error.status === 401)) return;
      showBanner(`The overview could not be read (${describeFailure(error)}); trying again.`);
    }
  };
  return refreshEvery(signal, () => interval, load);
}

function section(title, ...content) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return h(
    'section',
    { class: 'overview', 'aria-labelledby': id },
    h('h2', { id }, title),
    content,
  );
}

function table(id, caption, columns, body) {
  return h(
    'table',
    { class: `list ${id}`, id: `${id}-table` },
    caption,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    body,
  );
}

function topicRow(topic) {
  const rates = (topic.rates ?? []).map((rate) => ({ at: rate.at, value: rate.perSecond }));
  const now = rates.length > 0 ? formatRate(rates[rates.length - 1].value) : '–';
  return h(
    'tr',
    { 'data-topic': topic.name, class: topic.deadLetters ? 'dead-letters' : null },
    h(
      'th',
      { scope: 'row' },
      topic.name,
      topic.deadLetters ? h('span', { class: 'badge' }, 'dead letters') : null,
    ),
    h('td', { class: 'count' }, formatCount(topic.partitions)),
    h('td', { class: 'count records' }, formatCount(topic.records)),
    h('td', { class: 'count rate' }, now),
    h('td', {}, sparkline(rates, { what: `Write rate of ${topic.name}`, format: formatRate })),
  );
}

function groupRow(group) {
  const lags = (group.lags ?? []).map((lag) => ({ at: lag.at, value: lag.lag }));
  const byTopic = Object.entries(group.lagByTopic ?? {});
  return h(
    'tr',
    { 'data-group': group.groupId },
    h('th', { scope: 'row' }, group.groupId),
    h('td', {}, group.state),
    h('td', { class: 'count lag' }, formatCount(group.lag)),
    h(
      'td',
      {},
      byTopic.length === 0
        ? ''
        : h(
            'ul',
            { class: 'plain' },
            byTopic.map(([topic, lag]) => h('li', {}, `${topic}: ${formatCount(lag)}`)),
          ),
    ),
    h('td', {}, sparkline(lags, { what: `Lag of ${group.groupId}`, format: formatCount })),
  );
}

function instanceFacts(instance) {
  const fact = (term, value) => h('div', {}, h('dt', {}, term), h('dd', {}, value));
  const outcomes = (counts) => {
    const entries = Object.entries(counts ?? {});
    return entries.length === 0
      ? 'none'
      : entries.map(([outcome, count]) => `${outcome} ${formatCount(count)}`).join(', ');
  };
  return [
    fact('Standard executions', outcomes(instance.standardExecutions)),
    fact('Express executions', outcomes(instance.expressExecutions)),
    fact('States entered', formatCount(instance.stateTransitions ?? 0)),
    fact('Commands refused', formatCount(instance.rejectedCommands ?? 0)),
  ];
}

/** How many seconds the samples span: from the first rate or lag to the sample. */
function windowOf(overview) {
  const times = [
    ...overview.topics.flatMap((topic) => topic.rates ?? []),
    ...overview.groups.flatMap((group) => group.lags ?? []),
  ].map((point) => point.at);
  return times.length < 2 ? 0 : Math.max(...times) - Math.min(...times);
}
