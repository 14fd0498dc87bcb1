/**
 * Host operations that complete later (pm.sendRequest, the cookie jar). The host
 * gets a numbered request and answers through the driver's deliver().
 */
import { callHost, jsonStringify } from './bridge.js';

const waiting = new Map();
let sequence = 0;

export function startHostOperation(op, payload, onDone) {
  const id = ++sequence;
  waiting.set(id, onDone);
  callHost(op, jsonStringify({ id, payload }));
  return id;
}

/** Runs the completion callback; errors it throws propagate to the caller. */
export function completeHostOperation(id, error, result) {
  const onDone = waiting.get(id);
  if (!onDone) return;
  waiting.delete(id);
  onDone(error, result);
}

export function pendingHostOperations() {
  return waiting.size;
}

export function clearHostOperations() {
  waiting.clear();
}
