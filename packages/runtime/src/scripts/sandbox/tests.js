/**
 * pm.test and the legacy `tests` object. Results go to the host in order of
 * completion; async tests (a returned promise, or a `done` callback) complete
 * when they settle, and count as failed if the script ends first.
 */
import { describeError } from './errors.js';
import { emit, onScriptReset, state } from './state.js';

let pending = [];
onScriptReset(() => {
  pending = [];
});

function report(name, passed, skipped, error) {
  const event = ['a', name, passed, skipped];
  if (error !== undefined) event.push(...describeError(error));
  emit(event);
}

function isThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

export function createTest(pm) {
  function test(name, assertion) {
    const title = String(name);
    if (typeof assertion !== 'function') {
      report(title, true, false);
      return pm;
    }
    const token = state.token;
    const record = { name: title, done: false };
    const complete = (error) => {
      if (record.done || token !== state.token) return;
      record.done = true;
      pending = pending.filter((entry) => entry !== record);
      if (error === undefined) report(title, true, false);
      else report(title, false, false, error);
    };
    try {
      if (assertion.length > 0) {
        pending.push(record);
        assertion((error) => complete(error ? error : undefined));
        return pm;
      }
      const result = assertion();
      if (isThenable(result)) {
        pending.push(record);
        result.then(
          () => complete(undefined),
          (error) => complete(error === undefined ? new Error('Promise rejected with undefined') : error),
        );
        return pm;
      }
      complete(undefined);
    } catch (error) {
      complete(error);
    }
    return pm;
  }

  test.skip = (name) => {
    report(String(name), true, true);
    return pm;
  };

  return test;
}

/** At the end of a script: tests still waiting fail; legacy tests[...] become assertions. */
export function finishTests(legacyTests) {
  for (const record of pending) {
    record.done = true;
    const error = new Error('test did not complete before the script ended (promise never settled or done() never called)');
    report(record.name, false, false, error);
  }
  pending = [];
  if (legacyTests && typeof legacyTests === 'object') {
    for (const key of Object.keys(legacyTests)) {
      const value = legacyTests[key];
      if (value) report(key, true, false);
      else {
        const error = new Error(`expected ${String(value)} to be truthy`);
        error.name = 'AssertionError';
        report(key, false, false, error);
      }
    }
  }
}

/** After a timeout: pending tests are dropped, the timeout is the reported error. */
export function abandonTests() {
  for (const record of pending) record.done = true;
  pending = [];
}
