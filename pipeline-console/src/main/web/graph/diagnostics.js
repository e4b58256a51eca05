/**
 * Puts ValidateStateMachineDefinition's diagnostics on the graph: each goes to the state or scope
 * whose pointer is the longest prefix of its `location` (a JSON Pointer). Pure.
 */

/**
 * @typedef {{severity: string, code: string, message: string, location?: string}} Diagnostic
 * @typedef {{byNode: Map<string, Diagnostic[]>, unplaced: Diagnostic[]}} PlacedDiagnostics
 *   `unplaced`: those about the whole definition (location `/`) or about no node of the graph.
 */

/**
 * @param {import('./model.js').Graph} graph
 * @param {Diagnostic[]} diagnostics
 * @returns {PlacedDiagnostics}
 */
export function placeDiagnostics(graph, diagnostics) {
  const targets = graph.nodes.filter((node) => node.kind === 'state' || node.kind === 'scope');
  const byNode = new Map();
  const unplaced = [];
  for (const diagnostic of diagnostics) {
    const location = diagnostic.location ?? '';
    let best = null;
    for (const node of targets) {
      const within = location === node.id || location.startsWith(`${node.id}/`);
      if (within && (best === null || node.id.length > best.id.length)) best = node;
    }
    if (best === null) {
      unplaced.push(diagnostic);
    } else {
      byNode.set(best.id, [...(byNode.get(best.id) ?? []), diagnostic]);
    }
  }
  return { byNode, unplaced };
}
