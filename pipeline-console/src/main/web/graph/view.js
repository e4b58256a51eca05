/**
 * A definition's graph as the state machine page shows it: the toolbar (zoom, fit), the
 * validation diagnostics, the drawing, and the panel showing the selected state's definition.
 */
import { h, svg } from '../dom.js';
import { jsonView } from '../json-view.js';
import { placeDiagnostics } from './diagnostics.js';
import { layout } from './layout.js';
import { graphOf } from './model.js';
import { arrowDefinitions, renderGraph } from './render.js';
import { attachViewport } from './viewport.js';

/**
 * @typedef {{
 *   element: HTMLElement,
 *   fit: () => void,
 *   canvas: SVGSVGElement,
 *   graph: import('./model.js').Graph,
 *   refresh: () => void,
 *   selectedId: () => string | null,
 * }} GraphView
 *   `fit`: call once the element is shown; `refresh`: shows the selected state's panel again;
 *   `selectedId`: the node whose panel is open.
 */

/**
 * @param {{
 *   definition: object,
 *   diagnostics: import('./diagnostics.js').Diagnostic[],
 *   title: string,
 *   stateDetails?: (node: import('./model.js').GraphNode) => Node[],
 * }} options `stateDetails`: what the panel shows of a state before its definition
 * @returns {Promise<GraphView>}
 */
export async function graphView({ definition, diagnostics, title, stateDetails = () => [] }) {
  const graph = graphOf(definition);
  const placement = await layout(graph);
  const placed = placeDiagnostics(graph, diagnostics);
  const panel = statePanel(stateDetails);
  let selected = null;
  let selectedNode = null;
  const select = (node, element) => {
    selected?.classList.remove('selected');
    selected = element;
    selectedNode = node;
    element.classList.add('selected');
    panel.show(node, placed.byNode.get(node.id) ?? [], element);
  };
  const drawing = renderGraph(graph, placement, { diagnostics: placed.byNode, onSelect: select });
  const states = graph.nodes.filter((node) => node.kind === 'state').length;
  const canvas = svg(
    'svg',
    {
      class: 'canvas',
      role: 'group',
      'aria-label': `Graph of ${title}: ${states} states. Tab to a state, Enter shows its definition.`,
    },
    arrowDefinitions(),
    drawing,
  );
  const viewport = attachViewport(canvas, drawing, placement);
  const button = (label, text, action) =>
    h(
      'button',
      { type: 'button', class: 'tool', 'aria-label': label, title: label, onclick: action },
      text,
    );
  const goTo = (id) => {
    const element = canvas.querySelector(`[data-node-id="${CSS.escape(id)}"]`);
    const node = graph.nodes.find((candidate) => candidate.id === id);
    if (element?.matches('.state')) {
      element.focus();
      select(node, element);
    }
  };
  const element = h(
    'div',
    { class: 'graph-view' },
    h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph view' },
      button('Zoom in', '+', () => viewport.zoomBy(1.25)),
      button('Zoom out', '−', () => viewport.zoomBy(0.8)),
      button('Fit to view', 'Fit', () => viewport.fit()),
    ),
    diagnosticList(placed, graph.problems, goTo),
    h('div', { class: 'graph-area' }, canvas, panel.element),
  );
  const refresh = () => {
    if (selectedNode && !panel.element.hidden) select(selectedNode, selected);
  };
  const selectedId = () => (panel.element.hidden ? null : (selectedNode?.id ?? null));
  return { element, fit: viewport.fit, canvas, graph, refresh, selectedId };
}

function diagnosticList(placed, problems, goTo) {
  const items = [];
  for (const [id, found] of placed.byNode) {
    for (const d of found) {
      items.push(
        h(
          'li',
          { class: `diagnostic ${d.severity.toLowerCase()}` },
          h('button', { type: 'button', class: 'link', onclick: () => goTo(id) }, d.location),
          ` ${d.severity} ${d.code}: ${d.message}`,
        ),
      );
    }
  }
  for (const d of placed.unplaced) {
    items.push(
      h(
        'li',
        { class: `diagnostic ${d.severity.toLowerCase()}` },
        `${d.severity} ${d.code}: ${d.message}${d.location ? ` (${d.location})` : ''}`,
      ),
    );
  }
  for (const problem of problems) {
    items.push(
      h('li', { class: 'diagnostic error' }, `Not drawn: ${problem.location}: ${problem.message}`),
    );
  }
  if (items.length === 0) return null;
  return h(
    'section',
    { class: 'diagnostics', 'aria-labelledby': 'diagnostics-title' },
    h('h2', { id: 'diagnostics-title' }, 'Validation'),
    h('ul', {}, items),
  );
}

function statePanel(stateDetails) {
  const heading = h('h2', { id: 'state-panel-title' });
  const body = h('div', { class: 'state-panel-body' });
  let opener = null;
  const close = () => {
    element.hidden = true;
    opener?.focus();
  };
  const element = h(
    'aside',
    {
      class: 'state-panel',
      id: 'state-panel',
      'aria-labelledby': 'state-panel-title',
      hidden: true,
      onkeydown: (event) => event.key === 'Escape' && close(),
    },
    h(
      'div',
      { class: 'state-panel-header' },
      heading,
      h(
        'button',
        { type: 'button', class: 'tool', 'aria-label': 'Close state definition', onclick: close },
        '×',
      ),
    ),
    body,
  );
  return {
    element,
    show(node, found, from) {
      opener = from;
      heading.textContent = node.name;
      const diagnostics = found.map((d) =>
        h(
          'li',
          { class: `diagnostic ${d.severity.toLowerCase()}` },
          `${d.severity} ${d.code}: ${d.message}`,
        ),
      );
      body.replaceChildren(
        h('p', { class: 'state-type' }, node.detail ? `${node.type} · ${node.detail}` : node.type),
        ...(found.length === 0 ? [] : [h('ul', { class: 'state-diagnostics' }, diagnostics)]),
        ...stateDetails(node),
        h('h3', {}, 'Definition'),
        jsonView(node.definition, `Definition of state ${node.name}`),
      );
      element.hidden = false;
    },
  };
}
