/**
 * The sandbox runtime, evaluated once per isolate context. It installs the
 * script globals (pm, console, timers, require, the legacy API) and exposes a
 * small driver the host calls: register a compiled script, exec it, poll for
 * results, fire timers, deliver host results, abandon on timeout.
 */
import chai from 'chai';
import { jsonParse, jsonStringify } from './bridge.js';
import { chaiPostman } from './chai-postman.js';
import { createConsole } from './console.js';
import { flushRequestChanges } from './current.js';
import { atob, btoa } from './encoding.js';
import { describeError } from './errors.js';
import { LIBRARY_GLOBALS, legacyGlobals } from './legacy.js';
import { provideChai, sandboxRequire } from './modules.js';
import { clearHostOperations, completeHostOperation, pendingHostOperations } from './pending.js';
import { createPm } from './pm.js';
import { sandboxCrypto } from './random.js';
import { ScriptRequest } from './request.js';
import { ScriptResponse } from './response.js';
import { createScopes } from './scopes.js';
import { emit, onScriptReset, resetExecution, resetScript, state } from './state.js';
import { abandonTests, finishTests } from './tests.js';
import { clearTimers, fireNextTimer, nextTimerDelay, pendingTimers, timerGlobals } from './timers.js';

chai.use(chaiPostman(() => sandboxRequire('ajv')));
provideChai(chai);
for (const Type of [ScriptResponse, ScriptRequest]) {
  Object.defineProperty(Type.prototype, 'to', {
    get() {
      return chai.expect(this).to;
    },
  });
}

const scopes = createScopes();
const pm = createPm({ chai, scopes });
const sandboxConsole = createConsole();

// Every global the sandbox provides is an accessor: a script may assign over it,
// but only for its own run, and it cannot delete or redefine it.
const overrides = new Map();
const perScript = new Map();
const perContext = new Map();
onScriptReset(() => {
  overrides.clear();
  perScript.clear();
});

function defineGlobal(name, compute, scriptScoped) {
  const cache = scriptScoped ? perScript : perContext;
  Object.defineProperty(globalThis, name, {
    configurable: false,
    enumerable: false,
    get() {
      if (overrides.has(name)) return overrides.get(name);
      if (!cache.has(name)) cache.set(name, compute());
      return cache.get(name);
    },
    set(value) {
      overrides.set(name, value);
    },
  });
}

const legacyCache = {
  /** Keeps an already-read legacy snapshot (environment/globals) in step with postman.set*. */
  patch(name, change) {
    const object = overrides.has(name) ? overrides.get(name) : perScript.get(name);
    if (object && typeof object === 'object') change(object);
  },
};

const fixed = {
  pm,
  console: sandboxConsole,
  require: sandboxRequire,
  atob,
  btoa,
  crypto: sandboxCrypto,
  queueMicrotask: (callback) => {
    Promise.resolve().then(callback);
  },
  ...timerGlobals,
};
for (const name of Object.keys(fixed)) defineGlobal(name, () => fixed[name], false);

const legacy = legacyGlobals(scopes, legacyCache);
for (const name of Object.keys(legacy)) defineGlobal(name, legacy[name], name !== 'postman' && name !== 'xml2Json');

for (const [name, library] of Object.entries(LIBRARY_GLOBALS)) {
  defineGlobal(name, () => (typeof library === 'function' ? library(sandboxRequire) : sandboxRequire(library)), false);
}

// Names present now belong to the sandbox; anything a script adds to the global
// object (an undeclared assignment) is removed before the next script runs.
// (__posternDriver, added below, is deleted by the host before any script runs.)
const baseline = new Set(Object.getOwnPropertyNames(globalThis));

function removeScriptGlobals() {
  const names = Object.getOwnPropertyNames(globalThis);
  if (names.length === baseline.size) return;
  for (const name of names) {
    if (!baseline.has(name)) delete globalThis[name];
  }
}

const scripts = [];
const freeSlots = [];

function reportError(error) {
  emit(['e', state.script, ...describeError(error)]);
}

function isThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

function legacyTestsObject() {
  return overrides.has('tests') ? overrides.get('tests') : perScript.get('tests');
}

function finishScript() {
  state.finished = true;
  finishTests(legacyTestsObject());
  flushRequestChanges();
}

function drain(done) {
  const events = state.out;
  state.out = [];
  return jsonStringify({ d: done, t: done ? -1 : nextTimerDelay(), e: events });
}

globalThis.__posternDriver = {
  /** Keeps a compiled script function; returns its slot. */
  register(fn) {
    if (typeof fn !== 'function') throw new TypeError('script must compile to a function');
    const slot = freeSlots.length ? freeSlots.pop() : scripts.length;
    scripts[slot] = fn;
    return slot;
  },

  unregister(slot) {
    if (scripts[slot]) {
      scripts[slot] = undefined;
      freeSlots.push(slot);
    }
  },

  /** Starts one script. `info` (JSON) is given for the first script of an execution. */
  exec(slot, index, info) {
    if (info) resetExecution(jsonParse(info));
    removeScriptGlobals();
    resetScript(index);
    const token = state.token;
    try {
      const result = scripts[slot]();
      if (isThenable(result)) {
        result.then(undefined, (error) => {
          if (token === state.token) reportError(error);
        });
      }
    } catch (error) {
      reportError(error);
    }
  },

  /**
   * Events since the last poll, whether the script is done (nothing pending: with
   * microtasks drained, nothing else can ever run) and when the next timer is due.
   */
  poll() {
    const done = pendingTimers() === 0 && pendingHostOperations() === 0;
    if (done && !state.finished) finishScript();
    return drain(done);
  },

  fire() {
    try {
      fireNextTimer();
    } catch (error) {
      reportError(error);
    }
  },

  deliver(id, error, result) {
    try {
      completeHostOperation(id, error ? jsonParse(error) : null, result ? jsonParse(result) : undefined);
    } catch (thrown) {
      reportError(thrown);
    }
  },

  /** The host gave up waiting (time limit): drop everything pending, keep what was reported. */
  abandon() {
    clearTimers();
    clearHostOperations();
    abandonTests();
    state.token += 1;
    state.finished = true;
    return drain(true);
  },
};
