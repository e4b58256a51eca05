/**
 * The orchestrator, as the console reaches it: the session (`/console/session`) and the Step
 * Functions actions (`POST /console/api/<Action>`), which answer what the AWS API answers. The
 * session cookie goes with every request; the header X-Console-Request shows the request comes
 * from the console's own script (a cross-site form cannot send it).
 */

const HEADERS = { 'Content-Type': 'application/json', 'X-Console-Request': '1' };

/** An error the orchestrator answered: Step Functions' error name (`__type`) and message. */
export class ApiError extends Error {
  constructor(type, message, status) {
    super(message);
    this.name = 'ApiError';
    this.type = type;
    this.status = status;
  }
}

let signedOut = () => {};

/** Called when an action is refused for want of a session: it expired, or the user signed out. */
export function onSignedOut(handler) {
  signedOut = handler;
}

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(
      answer.__type ?? 'HttpError',
      answer.message ?? `HTTP ${response.status}`,
      response.status,
    );
  }
  return answer;
}

/**
 * Runs a Step Functions action, e.g. `call('DescribeStateMachine', {stateMachineArn})`.
 *
 * @returns {Promise<object>} the action's answer
 * @throws {ApiError} as the API answers it
 */
export async function call(action, input = {}) {
  try {
    return await request('POST', `/console/api/${encodeURIComponent(action)}`, input);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut();
    throw error;
  }
}

/**
 * The pages of a List action, joined: at most `maxPages` pages of `maxResults` each.
 *
 * @returns {Promise<{items: object[], more: boolean}>} `more` when pages were left
 */
export async function listAll(action, input, field, maxPages = 10) {
  const items = [];
  let nextToken;
  for (let page = 0; page < maxPages; page++) {
    const answer = await call(action, { ...input, ...(nextToken ? { nextToken } : {}) });
    items.push(...(answer[field] ?? []));
    nextToken = answer.nextToken;
    if (!nextToken) return { items, more: false };
  }
  return { items, more: true };
}

/** Who is signed in, or null. */
export async function currentSession() {
  try {
    return await request('GET', '/console/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/**
 * Signs in: the orchestrator sets the session cookie.
 *
 * @throws {ApiError} with the reason when it refuses
 */
export function signIn(name, password) {
  return request('POST', '/console/session', { name, password });
}

/** Signs out: the orchestrator clears the session cookie. */
export function signOut() {
  return request('DELETE', '/console/session');
}
