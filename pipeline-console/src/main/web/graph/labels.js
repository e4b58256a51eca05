/**
 * The words the graph shows: a Choice rule's condition, a Catch's errors, a state's detail line.
 * Pure.
 */

const OPERATORS = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
  Matches: 'matches',
};
const COMPARISON =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$/;
const TEST = /^Is(Null|Present|Numeric|String|Boolean|Timestamp)$/;
const JSONATA = /^\s*\{%([\s\S]*)%\}\s*$/;

/**
 * A Choice rule as text: a JSONata `Condition` without its `{% %}`; a JSONPath comparison as
 * `$.kind == "fan"` (a `...Path` comparison names the path it compares with), `$.x is present`,
 * and `and`, `or`, `not` around nested rules.
 *
 * @param {object} rule
 * @returns {string}
 */
export function conditionText(rule) {
  if (typeof rule?.Condition === 'string') {
    const jsonata = JSONATA.exec(rule.Condition);
    return (jsonata ? jsonata[1] : rule.Condition).trim();
  }
  if (Array.isArray(rule?.And)) return rule.And.map(nested).join(' and ');
  if (Array.isArray(rule?.Or)) return rule.Or.map(nested).join(' or ');
  if (rule?.Not !== undefined) return `not (${conditionText(rule.Not)})`;
  const variable = typeof rule?.Variable === 'string' ? rule.Variable : '?';
  for (const [field, value] of Object.entries(rule ?? {})) {
    const comparison = COMPARISON.exec(field);
    if (comparison) {
      const operand = comparison[3] ? String(value) : JSON.stringify(value);
      return `${variable} ${OPERATORS[comparison[2]]} ${operand}`;
    }
    const test = TEST.exec(field);
    if (test) return `${variable} ${value === false ? 'is not' : 'is'} ${test[1].toLowerCase()}`;
  }
  return '(no condition)';
}

function nested(rule) {
  const text = conditionText(rule);
  return Array.isArray(rule?.And) || Array.isArray(rule?.Or) ? `(${text})` : text;
}

/** A Catch's error names, as the label of its edge. */
export function catchLabel(catcher) {
  return Array.isArray(catcher?.ErrorEquals) ? catcher.ErrorEquals.join(', ') : '(no errors)';
}

/**
 * What a state does beyond its type, in a few words: a Task's resource (`lambda:invoke`,
 * `activity etl-validate`), a Parallel's branch count, a Distributed Map, a Wait's duration.
 *
 * @param {object} state
 * @returns {string}
 */
export function detailOf(state) {
  switch (state?.Type) {
    case 'Task':
      return resourceDetail(state.Resource);
    case 'Parallel':
      return Array.isArray(state.Branches)
        ? plural(state.Branches.length, 'branch', 'branches')
        : '';
    case 'Map':
      return (state.ItemProcessor ?? state.Iterator)?.ProcessorConfig?.Mode === 'DISTRIBUTED'
        ? 'distributed'
        : '';
    case 'Wait':
      return waitDetail(state);
    default:
      return '';
  }
}

function resourceDetail(resource) {
  if (typeof resource !== 'string') return '';
  const integration = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (integration) return integration[1];
  const activity = /^arn:[^:]+:states:[^:]*:[^:]*:activity:(.+)$/.exec(resource);
  if (activity) return `activity ${activity[1]}`;
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (lambda) return `lambda ${lambda[1]}`;
  return resource;
}

function waitDetail(state) {
  if (typeof state.Seconds === 'number') return plural(state.Seconds, 'second', 'seconds');
  if (typeof state.Timestamp === 'string') return `until ${state.Timestamp}`;
  const path = state.SecondsPath ?? state.TimestampPath;
  return typeof path === 'string' ? `for ${path}` : '';
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
