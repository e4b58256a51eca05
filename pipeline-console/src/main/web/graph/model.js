/**
 * The graph of an Amazon States Language definition, as plain data: what the console draws, and
 * what its tests check without a browser. Pure: no DOM, no layout.
 *
 * Ids are JSON Pointers into the definition, so that a validation diagnostic's location leads to
 * its node (diagnostics.js), and later an execution's events to theirs:
 * - a state: the pointer of its definition, e.g. `/States/Check` or
 *   `/States/Fan out/Branches/0/States/Resize`;
 * - a scope, the states a Parallel branch or a Map iteration runs: `/States/Fan out/Branches/0`,
 *   `/States/Each/ItemProcessor` (or `/Iterator`);
 * - a scope's start and end markers: the scope's pointer and `#start` or `#end` (`#start` alone is
 *   the top level's);
 * - an edge: the pointer of the field it comes from (`.../StartAt`, `.../Next`, `.../Choices/0`,
 *   `.../Default`, `.../Catch/1`); a transition to the end, `<state>/End`.
 *
 * A Next names a state of its own scope only, so an edge's ends always share their parent.
 */
import { catchLabel, conditionText, detailOf } from './labels.js';

/**
 * @typedef {'state' | 'scope' | 'start' | 'end'} NodeKind
 * @typedef {{
 *   id: string,
 *   kind: NodeKind,
 *   parent: string | null,
 *   name: string,
 *   type: string,
 *   detail: string,
 *   definition?: object,
 * }} GraphNode
 *   `parent` is the id of the scope it belongs to, or of the Parallel or Map state a scope belongs
 *   to; null at the top level. `definition` is a state's own JSON.
 * @typedef {'start' | 'next' | 'choice' | 'default' | 'catch' | 'end'} EdgeKind
 * @typedef {{id: string, kind: EdgeKind, from: string, to: string, label: string}} GraphEdge
 * @typedef {{location: string, message: string}} Problem
 *   What could not be drawn: a transition to a state that does not exist, a scope without States.
 * @typedef {{nodes: GraphNode[], edges: GraphEdge[], problems: Problem[]}} Graph
 */

/**
 * The graph of a definition (parsed JSON). A broken definition gives the graph of what can be
 * drawn, and a problem for each part that cannot.
 *
 * @param {object} definition
 * @returns {Graph}
 */
export function graphOf(definition) {
  const graph = { nodes: [], edges: [], problems: [] };
  addScope(graph, definition, '', null);
  return graph;
}

/** A state name as a JSON Pointer segment (RFC 6901). */
export function pointerSegment(name) {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

function addScope(graph, scope, pointer, parent) {
  const start = `${pointer}#start`;
  const end = `${pointer}#end`;
  graph.nodes.push(marker(start, 'start', parent));
  const states = isObject(scope) && isObject(scope.States) ? scope.States : {};
  if (states !== scope?.States) {
    graph.problems.push({ location: `${pointer}/States`, message: 'States is not an object' });
  }
  const link = (kind, from, field, target, label = '') => {
    if (typeof target === 'string' && Object.hasOwn(states, target)) {
      const to = `${pointer}/States/${pointerSegment(target)}`;
      graph.edges.push({ id: field, kind, from, to, label });
    } else {
      graph.problems.push({
        location: field,
        message: `there is no state ${JSON.stringify(target)} here`,
      });
    }
  };
  link('start', start, `${pointer}/StartAt`, scope?.StartAt);
  for (const [name, state] of Object.entries(states)) {
    const id = `${pointer}/States/${pointerSegment(name)}`;
    const type = typeof state?.Type === 'string' ? state.Type : '?';
    graph.nodes.push({
      id,
      kind: 'state',
      parent,
      name,
      type,
      detail: detailOf(state),
      definition: state,
    });
    if (type === 'Choice') {
      (Array.isArray(state.Choices) ? state.Choices : []).forEach((rule, i) =>
        link('choice', id, `${id}/Choices/${i}`, rule?.Next, conditionText(rule)),
      );
      if (state.Default !== undefined)
        link('default', id, `${id}/Default`, state.Default, 'Default');
    } else if (state?.Next !== undefined) {
      link('next', id, `${id}/Next`, state.Next);
    }
    if (state?.End === true || type === 'Succeed' || type === 'Fail') {
      graph.edges.push({ id: `${id}/End`, kind: 'end', from: id, to: end, label: '' });
    }
    (Array.isArray(state?.Catch) ? state.Catch : []).forEach((catcher, i) =>
      link('catch', id, `${id}/Catch/${i}`, catcher?.Next, catchLabel(catcher)),
    );
    addNestedScopes(graph, state, id);
  }
  graph.nodes.push(marker(end, 'end', parent));
}

/** A Parallel state's branches and a Map state's item processor: scopes inside the state. */
function addNestedScopes(graph, state, id) {
  const scopes = [];
  if (state?.Type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, i) =>
      scopes.push([`Branches/${i}`, `Branch ${i + 1}`, branch]),
    );
  } else if (state?.Type === 'Map') {
    const field = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    if (state[field] !== undefined) {
      scopes.push([field, field === 'Iterator' ? 'Iterator' : 'Item processor', state[field]]);
    }
  }
  for (const [field, name, scope] of scopes) {
    const scopeId = `${id}/${field}`;
    graph.nodes.push({ id: scopeId, kind: 'scope', parent: id, name, type: field, detail: '' });
    addScope(graph, scope, scopeId, scopeId);
  }
}

function marker(id, kind, parent) {
  const name = kind === 'start' ? 'Start' : 'End';
  return { id, kind, parent, name, type: name, detail: '' };
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
