/**
 * Lays a graph out with ELK's layered algorithm. ELK (1.5 MB, 450 kB gzipped) is loaded the first
 * time a graph is drawn, as a chunk of its own, and runs on the page's thread.
 */
import { elkGraphOf, placementOf } from './elk-graph.js';

let elk = null;

/**
 * @param {import('./model.js').Graph} graph
 * @returns {Promise<import('./elk-graph.js').Placement>}
 */
export async function layout(graph) {
  if (elk === null) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK();
  }
  return placementOf(await elk.layout(elkGraphOf(graph)));
}
