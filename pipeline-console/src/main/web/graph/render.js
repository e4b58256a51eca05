/**
 * Draws a laid-out graph as SVG. Every node and edge carries what it stands for in data
 * attributes (`data-node-id`, `data-kind`, `data-state-name`, `data-state-type`; `data-edge-id`,
 * `data-from`, `data-to`, `data-label`), so tests and later views (an execution's colours) find
 * them by id. States are focusable buttons: click, Enter or Space selects one.
 */
import { svg } from '../dom.js';
import { edgeLabelText, nodeLines } from './elk-graph.js';

/**
 * @param {import('./model.js').Graph} graph
 * @param {import('./elk-graph.js').Placement} placement
 * @param {{
 *   diagnostics: Map<string, import('./diagnostics.js').Diagnostic[]>,
 *   onSelect: (node: import('./model.js').GraphNode, element: SVGGElement) => void,
 * }} options
 * @returns {SVGGElement} the drawing, to put in an `<svg>` that has {@link arrowDefinitions}
 */
export function renderGraph(graph, placement, { diagnostics, onSelect }) {
  const compound = new Set(graph.nodes.map((node) => node.parent).filter((id) => id !== null));
  const depth = depthsOf(graph);
  const boxes = graph.nodes
    .filter((node) => compound.has(node.id))
    .sort((a, b) => depth.get(a.id) - depth.get(b.id));
  const leaves = graph.nodes.filter((node) => !compound.has(node.id));
  const drawNode = (node) => {
    const box = placement.nodes.get(node.id);
    if (node.kind === 'start' || node.kind === 'end') return markerNode(node, box);
    if (node.kind === 'scope') return scopeNode(node, box);
    return stateNode(node, box, compound.has(node.id), diagnostics.get(node.id) ?? [], onSelect);
  };
  return svg(
    'g',
    { class: 'graph' },
    svg('g', { class: 'boxes' }, boxes.map(drawNode)),
    svg(
      'g',
      { class: 'edges' },
      graph.edges.map((edge) => edgeLine(edge, placement.edges.get(edge.id))),
    ),
    svg('g', { class: 'nodes' }, leaves.map(drawNode)),
    svg(
      'g',
      { class: 'edge-labels' },
      graph.edges
        .filter((edge) => edge.label)
        .map((edge) => edgeLabel(edge, placement.edges.get(edge.id))),
    ),
  );
}

/** The arrowheads the edges point with: one for transitions, one for Catch. */
export function arrowDefinitions() {
  const arrow = (id) =>
    svg(
      'marker',
      {
        id,
        class: id,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }),
    );
  return svg('defs', {}, arrow('arrow'), arrow('arrow-catch'));
}

function stateNode(node, box, isGroup, found, onSelect) {
  const { title, subtitle } = nodeLines(node);
  const problems =
    found.length === 0
      ? ''
      : `; ${found.length} ${found.length === 1 ? 'problem' : 'problems'}: ${found.map((d) => d.message).join('; ')}`;
  const element = svg(
    'g',
    {
      class: `node state type-${node.type.toLowerCase()}${isGroup ? ' group' : ''}${severityClass(found)}`,
      transform: `translate(${box.x} ${box.y})`,
      tabindex: 0,
      role: 'button',
      'aria-label': `${node.type} state ${node.name}${node.detail ? `, ${node.detail}` : ''}${problems}`,
      'data-node-id': node.id,
      'data-kind': node.kind,
      'data-state-name': node.name,
      'data-state-type': node.type,
    },
    svg('title', {}, node.name),
    svg('rect', { class: 'shape', width: box.width, height: box.height, rx: 8 }),
    svg('text', { class: 'title', x: isGroup ? 14 : box.width / 2, y: 22 }, title),
    svg('text', { class: 'subtitle', x: isGroup ? 14 : box.width / 2, y: 40 }, subtitle),
    found.length > 0 ? badge(box, found) : null,
  );
  const select = () => onSelect(node, element);
  element.addEventListener('click', select);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select();
    }
  });
  return element;
}

function badge(box, found) {
  return svg(
    'g',
    { class: 'badge', transform: `translate(${box.width - 4} 4)`, 'aria-hidden': 'true' },
    svg('title', {}, found.map((d) => `${d.severity} ${d.code}: ${d.message}`).join('\n')),
    svg('circle', { r: 9 }),
    svg('text', { y: 4 }, '!'),
  );
}

function severityClass(found) {
  if (found.some((d) => d.severity === 'ERROR')) return ' has-error';
  return found.length > 0 ? ' has-warning' : '';
}

function scopeNode(node, box) {
  return svg(
    'g',
    {
      class: 'scope',
      transform: `translate(${box.x} ${box.y})`,
      'data-node-id': node.id,
      'data-kind': node.kind,
    },
    svg('rect', { class: 'shape', width: box.width, height: box.height, rx: 6 }),
    svg('text', { class: 'scope-name', x: 10, y: 19 }, node.name),
  );
}

function markerNode(node, box) {
  return svg(
    'g',
    {
      class: `marker ${node.kind}`,
      transform: `translate(${box.x} ${box.y})`,
      'data-node-id': node.id,
      'data-kind': node.kind,
    },
    svg('rect', { class: 'shape', width: box.width, height: box.height, rx: box.height / 2 }),
    svg('text', { x: box.width / 2, y: box.height / 2 + 4 }, node.name),
  );
}

function edgeLine(edge, placed) {
  const d = placed.points
    .map((point, i) => `${i === 0 ? 'M' : 'L'} ${point.x} ${point.y}`)
    .join(' ');
  return svg(
    'g',
    {
      class: `edge kind-${edge.kind}`,
      'data-edge-id': edge.id,
      'data-from': edge.from,
      'data-to': edge.to,
      'data-kind': edge.kind,
      'data-label': edge.label,
    },
    svg('path', { d, 'marker-end': `url(#${edge.kind === 'catch' ? 'arrow-catch' : 'arrow'})` }),
  );
}

function edgeLabel(edge, placed) {
  const box = placed.label;
  return svg(
    'g',
    {
      class: `edge-label kind-${edge.kind}`,
      transform: `translate(${box.x} ${box.y})`,
      'data-edge-id': edge.id,
    },
    svg('title', {}, edge.label),
    svg('rect', { width: box.width, height: box.height, rx: 4 }),
    svg('text', { x: box.width / 2, y: box.height / 2 + 4 }, edgeLabelText(edge)),
  );
}

function depthsOf(graph) {
  const parentOf = new Map(graph.nodes.map((node) => [node.id, node.parent]));
  const depth = new Map();
  for (const node of graph.nodes) {
    let d = 0;
    for (let p = node.parent; p !== null; p = parentOf.get(p)) d++;
    depth.set(node.id, d);
  }
  return depth;
}
