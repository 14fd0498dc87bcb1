/** The current execution's pm.request and pm.response, built on first use. */
import { callHost, callHostJson, jsonParse } from './bridge.js';
import { requestParts, ScriptRequest } from './request.js';
import { ScriptResponse } from './response.js';
import { emit, onExecutionReset, state } from './state.js';

let request;
let sentParts;
let response;

onExecutionReset(() => {
  request = undefined;
  sentParts = undefined;
  response = undefined;
});

export function currentRequest() {
  if (!request) {
    request = new ScriptRequest(callHostJson('request') || {});
    sentParts = requestParts(request);
  }
  return request;
}

/** undefined in pre-request scripts, as in Postman. */
export function currentResponse() {
  if (state.event !== 'test') return undefined;
  if (!response) {
    response = new ScriptResponse(
      state.hasResponse ? callHostJson('response') : undefined,
      () => (state.hasResponse ? callHost('body') : ''),
      () => (state.hasResponse ? callHost('body64') : ''),
    );
  }
  return response;
}

/**
 * Sends the host the parts of pm.request a pre-request script changed (only if a
 * script looked at it). Changes in test scripts have nothing left to affect.
 */
export function flushRequestChanges() {
  if (!request || state.event !== 'prerequest') return;
  let parts;
  try {
    parts = requestParts(request);
  } catch (error) {
    // A script left the request in a shape that cannot be serialised: nothing is sent for it.
    emit(['e', state.script, 'TypeError', `pm.request could not be serialised: ${error && error.message}`]);
    return;
  }
  const changed = {};
  let any = false;
  for (const key of Object.keys(parts)) {
    if (parts[key] !== sentParts[key]) {
      changed[key] = jsonParse(parts[key]);
      any = true;
    }
  }
  if (any) {
    emit(['r', changed]);
    sentParts = parts;
  }
}
