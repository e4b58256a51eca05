/** Definitions the tests draw. */

/** Choice (JSONPath rules and a Default), Parallel, Map, Catch, Succeed and Fail. */
export const ORDER = {
  Comment: 'An order: checked, fanned out, its items resized one by one',
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.kind', StringEquals: 'fan', Next: 'Fan out' },
        {
          And: [
            { Variable: '$.count', NumericGreaterThan: 10 },
            { Not: { Variable: '$.rush', IsPresent: true } },
          ],
          Next: 'Each item',
        },
      ],
      Default: 'Rejected',
    },
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Resize', States: { Resize: { Type: 'Pass', End: true } } },
        {
          StartAt: 'Resize',
          States: {
            Resize: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Done' },
            Done: { Type: 'Succeed' },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['States.TaskFailed', 'States.Timeout'], Next: 'Rejected' }],
      Next: 'Each item',
    },
    'Each item': {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Store',
        States: {
          Store: {
            Type: 'Task',
            Resource: 'arn:aws:states:us-east-1:000000000000:activity:store',
            End: true,
          },
        },
      },
      End: true,
    },
    Rejected: { Type: 'Fail', Error: 'Rejected' },
  },
};
