/**
 * The graph (model.js) as ELK's input, and ELK's answer as positions. Pure: layout.js runs ELK.
 *
 * Scopes and the Parallel and Map states holding them are ELK compound nodes, so ELK lays out each
 * branch inside its box and the boxes as nodes of the level above (hierarchy handling
 * INCLUDE_CHILDREN). Every coordinate ELK answers is absolute (`elk.json.*Coords: ROOT`). Sizes
 * come from the text a node shows, estimated from its length, so the layout needs no DOM.
 */

/** How many characters of a name, a detail line or an edge label are shown. */
const MAX_NAME = 36;
const MAX_LABEL = 40;

const STATE_HEIGHT = 54;
const MARKER = { width: 64, height: 28 };
const LABEL_HEIGHT = 18;
const GROUP_HEADER = 52;
const SCOPE_HEADER = 30;

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
};

/** A text cut to `max` characters, with an ellipsis when it was longer. */
function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The two lines a state shows: its name, and its type with what it does.
 *
 * @param {import('./model.js').GraphNode} node
 */
export function nodeLines(node) {
  const type = node.detail ? `${node.type} · ${node.detail}` : node.type;
  return { title: shorten(node.name, MAX_NAME), subtitle: shorten(type, MAX_NAME) };
}

/** The text an edge's label shows. */
export function edgeLabelText(edge) {
  return shorten(edge.label, MAX_LABEL);
}

/**
 * ELK's input for a graph.
 *
 * @param {import('./model.js').Graph} graph
 */
export function elkGraphOf(graph) {
  const elkNodes = new Map();
  const root = { id: '', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const node of graph.nodes) {
    elkNodes.set(node.id, elkNode(node, graph));
  }
  for (const node of graph.nodes) {
    const parent = node.parent === null ? root : elkNodes.get(node.parent);
    parent.children.push(elkNodes.get(node.id));
  }
  const parentOf = new Map(graph.nodes.map((node) => [node.id, node.parent]));
  for (const edge of graph.edges) {
    const parent = parentOf.get(edge.from);
    const container = parent === null ? root : elkNodes.get(parent);
    const text = edgeLabelText(edge);
    container.edges.push({
      id: edge.id,
      sources: [edge.from],
      targets: [edge.to],
      labels: text
        ? [{ id: `${edge.id}#label`, text, width: textWidth(text, 6.6) + 10, height: LABEL_HEIGHT }]
        : [],
    });
  }
  return root;
}

function elkNode(node, graph) {
  if (node.kind === 'start' || node.kind === 'end') {
    return { id: node.id, ...MARKER, children: [], edges: [] };
  }
  const { title, subtitle } = nodeLines(node);
  const width = Math.min(
    300,
    Math.max(140, Math.max(textWidth(title, 8.2), textWidth(subtitle, 7)) + 32),
  );
  const compound = graph.nodes.some((other) => other.parent === node.id);
  if (!compound) {
    return { id: node.id, width, height: STATE_HEIGHT, children: [], edges: [] };
  }
  const top = node.kind === 'scope' ? SCOPE_HEADER : GROUP_HEADER;
  return {
    id: node.id,
    layoutOptions: {
      'elk.padding': `[top=${top},left=16,bottom=16,right=16]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${node.kind === 'scope' ? 120 : width}, ${top + 40})`,
    },
    children: [],
    edges: [],
  };
}

function textWidth(text, charWidth) {
  return Math.ceil(text.length * charWidth);
}

/**
 * @typedef {{x: number, y: number, width: number, height: number}} Box
 * @typedef {{points: {x: number, y: number}[], label: Box | null}} EdgePlacement
 * @typedef {{width: number, height: number, nodes: Map<string, Box>, edges: Map<string, EdgePlacement>}} Placement
 */

/**
 * Where ELK put every node, edge and label, by id.
 *
 * @returns {Placement}
 */
export function placementOf(laidOut) {
  const nodes = new Map();
  const edges = new Map();
  const visit = (elkNode) => {
    for (const child of elkNode.children ?? []) {
      nodes.set(child.id, { x: child.x, y: child.y, width: child.width, height: child.height });
      visit(child);
    }
    for (const edge of elkNode.edges ?? []) {
      // The layered algorithm routes each simple edge as one section.
      const section = edge.sections?.[0];
      const points = section
        ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]
        : [];
      const label = edge.labels?.[0];
      edges.set(edge.id, {
        points,
        label: label ? { x: label.x, y: label.y, width: label.width, height: label.height } : null,
      });
    }
  };
  visit(laidOut);
  return { width: laidOut.width, height: laidOut.height, nodes, edges };
}
