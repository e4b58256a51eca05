import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeDiagnostics } from '../../main/web/graph/diagnostics.js';
import { graphOf } from '../../main/web/graph/model.js';
import { ORDER } from './definitions.js';

const diagnostic = (location) => ({ severity: 'WARNING', code: 'X', message: location, location });

test('shouldPutADiagnosticOnTheInnermostStateWhenLocationPointsInsideIt', () => {
  // given
  const graph = graphOf(ORDER);
  const diagnostics = [
    diagnostic('/States/Fan out/Branches/1/States/Resize/Parameters/x'),
    diagnostic('/States/Check/Choices/1/And/0'),
    diagnostic('/States/Each item'),
  ];

  // when
  const placed = placeDiagnostics(graph, diagnostics);

  // then
  assert.deepEqual(
    [...placed.byNode.keys()],
    ['/States/Fan out/Branches/1/States/Resize', '/States/Check', '/States/Each item'],
  );
  assert.deepEqual(placed.unplaced, []);
});

test('shouldPutADiagnosticOnItsScopeWhenLocationIsAScopeField', () => {
  // given
  const graph = graphOf(ORDER);

  // when
  const placed = placeDiagnostics(graph, [diagnostic('/States/Fan out/Branches/0/StartAt')]);

  // then
  assert.deepEqual([...placed.byNode.keys()], ['/States/Fan out/Branches/0']);
});

test('shouldLeaveADiagnosticUnplacedWhenItConcernsTheWholeDefinitionOrNoNode', () => {
  // given
  const graph = graphOf(ORDER);

  // when
  const placed = placeDiagnostics(graph, [
    diagnostic('/'),
    diagnostic('/States/Checker'),
    { severity: 'ERROR', code: 'Y', message: 'm' },
  ]);

  // then
  assert.equal(placed.byNode.size, 0);
  assert.equal(placed.unplaced.length, 3);
});
