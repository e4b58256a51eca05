import assert from 'node:assert/strict';
import { test } from 'node:test';
import ELK from 'elkjs/lib/elk.bundled.js';
import { elkGraphOf, nodeLines, placementOf } from '../../main/web/graph/elk-graph.js';
import { graphOf } from '../../main/web/graph/model.js';
import { ORDER } from './definitions.js';

const inside = (inner, outer) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

test('shouldNestScopesAndTheirStatesAsElkChildrenWhenStatesAreParallelOrMap', () => {
  // given
  const graph = graphOf(ORDER);

  // when
  const root = elkGraphOf(graph);

  // then
  const fanOut = root.children.find((n) => n.id === '/States/Fan out');
  assert.deepEqual(
    fanOut.children.map((n) => n.id),
    ['/States/Fan out/Branches/0', '/States/Fan out/Branches/1'],
  );
  assert.deepEqual(
    fanOut.children[1].children.map((n) => n.id),
    [
      '/States/Fan out/Branches/1#start',
      '/States/Fan out/Branches/1/States/Resize',
      '/States/Fan out/Branches/1/States/Done',
      '/States/Fan out/Branches/1#end',
    ],
  );
  assert.deepEqual(
    fanOut.children[1].edges.map((e) => e.id),
    [
      '/States/Fan out/Branches/1/StartAt',
      '/States/Fan out/Branches/1/States/Resize/Next',
      '/States/Fan out/Branches/1/States/Done/End',
    ],
  );
  assert.equal(
    root.edges.find((e) => e.id === '/States/Check/Choices/0').labels[0].text,
    '$.kind == "fan"',
  );
});

test('shouldPlaceEveryNodeInsideItsParentAndRouteEveryEdgeWhenElkLaysTheGraphOut', async () => {
  // given
  const graph = graphOf(ORDER);

  // when
  const placement = placementOf(await new ELK().layout(elkGraphOf(graph)));

  // then
  for (const node of graph.nodes) {
    const box = placement.nodes.get(node.id);
    assert.ok(box, `${node.id} is placed`);
    if (node.parent !== null)
      assert.ok(
        inside(box, placement.nodes.get(node.parent)),
        `${node.id} lies inside ${node.parent}`,
      );
  }
  for (const edge of graph.edges) {
    assert.ok(placement.edges.get(edge.id).points.length >= 2, `${edge.id} is routed`);
    assert.equal(
      placement.edges.get(edge.id).label !== null,
      edge.label !== '',
      `${edge.id} has its label placed`,
    );
  }
  assert.ok(placement.width > 0 && placement.height > 0);
});

test('shouldShortenLongNamesWhenANodeShowsThem', () => {
  // given
  const node = { name: 'x'.repeat(50), type: 'Task', detail: 'lambda:invoke' };

  // when
  const lines = nodeLines(node);

  // then
  assert.equal(lines.title.length, 36);
  assert.ok(lines.title.endsWith('…'));
  assert.equal(lines.subtitle, 'Task · lambda:invoke');
});
