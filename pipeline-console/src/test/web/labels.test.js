import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catchLabel, conditionText, detailOf } from '../../main/web/graph/labels.js';

test('shouldWriteComparisonWithOperatorAndQuotedValueWhenRuleUsesJsonPath', () => {
  // given
  const rules = [
    { Variable: '$.kind', StringEquals: 'fan' },
    { Variable: '$.n', NumericLessThanEquals: 3 },
    { Variable: '$.ok', BooleanEquals: false },
    { Variable: '$.at', TimestampGreaterThan: '2026-01-01T00:00:00Z' },
    { Variable: '$.file', StringMatches: '*.csv' },
  ];

  // when
  const texts = rules.map(conditionText);

  // then
  assert.deepEqual(texts, [
    '$.kind == "fan"',
    '$.n <= 3',
    '$.ok == false',
    '$.at > "2026-01-01T00:00:00Z"',
    '$.file matches "*.csv"',
  ]);
});

test('shouldNameTheComparedPathUnquotedWhenComparisonEndsInPath', () => {
  // given
  const rule = { Variable: '$.total', NumericGreaterThanPath: '$.limit' };

  // when
  const text = conditionText(rule);

  // then
  assert.equal(text, '$.total > $.limit');
});

test('shouldWriteTypeTestsAsIsOrIsNotWhenRuleTestsPresenceOrType', () => {
  // given
  const rules = [
    { Variable: '$.x', IsPresent: true },
    { Variable: '$.x', IsNull: false },
  ];

  // when
  const texts = rules.map(conditionText);

  // then
  assert.deepEqual(texts, ['$.x is present', '$.x is not null']);
});

test('shouldParenthesiseNestedAndOrWhenRulesCombine', () => {
  // given
  const rule = {
    Or: [
      {
        And: [
          { Variable: '$.a', NumericEquals: 1 },
          { Variable: '$.b', NumericEquals: 2 },
        ],
      },
      { Not: { Variable: '$.c', StringEquals: 'x' } },
    ],
  };

  // when
  const text = conditionText(rule);

  // then
  assert.equal(text, '($.a == 1 and $.b == 2) or not ($.c == "x")');
});

test('shouldShowTheExpressionWithoutDelimitersWhenRuleIsAJsonataCondition', () => {
  // given
  const rule = { Condition: '{% $states.input.count > 10 %}', Next: 'Big' };

  // when
  const text = conditionText(rule);

  // then
  assert.equal(text, '$states.input.count > 10');
});

test('shouldJoinErrorNamesWhenCatchListsSeveral', () => {
  // given
  const catcher = { ErrorEquals: ['States.Timeout', 'States.ALL'], Next: 'Recover' };

  // when
  const label = catchLabel(catcher);

  // then
  assert.equal(label, 'States.Timeout, States.ALL');
});

test('shouldDescribeWhatAStateDoesWhenTypeHasADetail', () => {
  // given
  const states = [
    { Type: 'Task', Resource: 'arn:aws:states:::http:invoke' },
    { Type: 'Task', Resource: 'arn:aws:states:us-east-1:000000000000:activity:etl-validate' },
    { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:resize:live' },
    { Type: 'Parallel', Branches: [{}, {}] },
    { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } } },
    { Type: 'Wait', Seconds: 1 },
    { Type: 'Wait', TimestampPath: '$.due' },
    { Type: 'Pass' },
  ];

  // when
  const details = states.map(detailOf);

  // then
  assert.deepEqual(details, [
    'http:invoke',
    'activity etl-validate',
    'lambda resize',
    '2 branches',
    'distributed',
    '1 second',
    'for $.due',
    '',
  ]);
});
