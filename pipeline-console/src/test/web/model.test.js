import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphOf, pointerSegment } from '../../main/web/graph/model.js';
import { ORDER } from './definitions.js';

const edgeTuples = (graph) => graph.edges.map((e) => [e.kind, e.from, e.to, e.label]);

test('shouldDrawANodePerStateWithItsTypeWhenStatesAreNested', () => {
  // given
  const definition = ORDER;

  // when
  const graph = graphOf(definition);

  // then
  const states = graph.nodes.filter((n) => n.kind === 'state').map((n) => [n.id, n.type, n.parent]);
  assert.deepEqual(states, [
    ['/States/Check', 'Choice', null],
    ['/States/Fan out', 'Parallel', null],
    ['/States/Fan out/Branches/0/States/Resize', 'Pass', '/States/Fan out/Branches/0'],
    ['/States/Fan out/Branches/1/States/Resize', 'Task', '/States/Fan out/Branches/1'],
    ['/States/Fan out/Branches/1/States/Done', 'Succeed', '/States/Fan out/Branches/1'],
    ['/States/Each item', 'Map', null],
    ['/States/Each item/ItemProcessor/States/Store', 'Task', '/States/Each item/ItemProcessor'],
    ['/States/Rejected', 'Fail', null],
  ]);
  assert.equal(graph.problems.length, 0);
});

test('shouldNestBranchesAndItemProcessorAsScopesWhenStateIsParallelOrMap', () => {
  // given
  const definition = ORDER;

  // when
  const graph = graphOf(definition);

  // then
  const scopes = graph.nodes.filter((n) => n.kind === 'scope').map((n) => [n.id, n.name, n.parent]);
  assert.deepEqual(scopes, [
    ['/States/Fan out/Branches/0', 'Branch 1', '/States/Fan out'],
    ['/States/Fan out/Branches/1', 'Branch 2', '/States/Fan out'],
    ['/States/Each item/ItemProcessor', 'Item processor', '/States/Each item'],
  ]);
  const markers = graph.nodes
    .filter((n) => n.kind === 'start' || n.kind === 'end')
    .map((n) => [n.id, n.parent]);
  assert.deepEqual(markers, [
    ['#start', null],
    ['/States/Fan out/Branches/0#start', '/States/Fan out/Branches/0'],
    ['/States/Fan out/Branches/0#end', '/States/Fan out/Branches/0'],
    ['/States/Fan out/Branches/1#start', '/States/Fan out/Branches/1'],
    ['/States/Fan out/Branches/1#end', '/States/Fan out/Branches/1'],
    ['/States/Each item/ItemProcessor#start', '/States/Each item/ItemProcessor'],
    ['/States/Each item/ItemProcessor#end', '/States/Each item/ItemProcessor'],
    ['#end', null],
  ]);
});

test('shouldDrawEveryTransitionOnceWithItsKindAndLabelWhenDefinitionHasChoiceCatchAndEnds', () => {
  // given
  const definition = ORDER;

  // when
  const graph = graphOf(definition);

  // then
  assert.deepEqual(edgeTuples(graph), [
    ['start', '#start', '/States/Check', ''],
    ['choice', '/States/Check', '/States/Fan out', '$.kind == "fan"'],
    ['choice', '/States/Check', '/States/Each item', '$.count > 10 and not ($.rush is present)'],
    ['default', '/States/Check', '/States/Rejected', 'Default'],
    ['next', '/States/Fan out', '/States/Each item', ''],
    ['catch', '/States/Fan out', '/States/Rejected', 'States.TaskFailed, States.Timeout'],
    ['start', '/States/Fan out/Branches/0#start', '/States/Fan out/Branches/0/States/Resize', ''],
    ['end', '/States/Fan out/Branches/0/States/Resize', '/States/Fan out/Branches/0#end', ''],
    ['start', '/States/Fan out/Branches/1#start', '/States/Fan out/Branches/1/States/Resize', ''],
    [
      'next',
      '/States/Fan out/Branches/1/States/Resize',
      '/States/Fan out/Branches/1/States/Done',
      '',
    ],
    ['end', '/States/Fan out/Branches/1/States/Done', '/States/Fan out/Branches/1#end', ''],
    ['end', '/States/Each item', '#end', ''],
    [
      'start',
      '/States/Each item/ItemProcessor#start',
      '/States/Each item/ItemProcessor/States/Store',
      '',
    ],
    [
      'end',
      '/States/Each item/ItemProcessor/States/Store',
      '/States/Each item/ItemProcessor#end',
      '',
    ],
    ['end', '/States/Rejected', '#end', ''],
  ]);
});

test('shouldIdentifyEachEdgeByThePointerOfItsFieldWhenStateHasSeveralTransitions', () => {
  // given
  const definition = ORDER;

  // when
  const ids = graphOf(definition)
    .edges.filter((e) => e.from === '/States/Check' || e.from === '/States/Fan out')
    .map((e) => e.id);

  // then
  assert.deepEqual(ids, [
    '/States/Check/Choices/0',
    '/States/Check/Choices/1',
    '/States/Check/Default',
    '/States/Fan out/Next',
    '/States/Fan out/Catch/0',
  ]);
});

test('shouldKeepEdgeEndsInOneScopeWhenStatesAreNested', () => {
  // given
  const graph = graphOf(ORDER);
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parent]));

  // when
  const crossing = graph.edges.filter((e) => parentOf.get(e.from) !== parentOf.get(e.to));

  // then
  assert.deepEqual(crossing, []);
});

test('shouldEscapeNamesAsPointerSegmentsWhenNamesHoldSlashOrTilde', () => {
  // given
  const definition = { StartAt: 'a/b~c', States: { 'a/b~c': { Type: 'Pass', End: true } } };

  // when
  const graph = graphOf(definition);

  // then
  assert.equal(pointerSegment('a/b~c'), 'a~1b~0c');
  assert.deepEqual(graph.nodes.find((n) => n.kind === 'state').id, '/States/a~1b~0c');
  assert.equal(graph.nodes.find((n) => n.kind === 'state').name, 'a/b~c');
});

test('shouldUseIteratorAsScopeWhenMapHasTheOlderField', () => {
  // given
  const definition = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };

  // when
  const graph = graphOf(definition);

  // then
  assert.deepEqual(
    graph.nodes.filter((n) => n.kind === 'scope').map((n) => [n.id, n.name]),
    [['/States/M/Iterator', 'Iterator']],
  );
  assert.ok(graph.nodes.some((n) => n.id === '/States/M/Iterator/States/P'));
});

test('shouldReportAProblemInsteadOfAnEdgeWhenNextNamesNoState', () => {
  // given
  const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } };

  // when
  const graph = graphOf(definition);

  // then
  assert.deepEqual(graph.problems, [
    { location: '/States/A/Next', message: 'there is no state "Nowhere" here' },
  ]);
  assert.deepEqual(edgeTuples(graph), [['start', '#start', '/States/A', '']]);
});

test('shouldDrawOnlyTheMarkersWhenDefinitionHasNoStates', () => {
  // given
  const definition = { StartAt: 'A' };

  // when
  const graph = graphOf(definition);

  // then
  assert.deepEqual(
    graph.nodes.map((n) => n.id),
    ['#start', '#end'],
  );
  assert.deepEqual(
    graph.problems.map((p) => p.location),
    ['/States', '/StartAt'],
  );
});
