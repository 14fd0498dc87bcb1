/**
 * Per-execution state. The bootstrapped context is reused for every script of a
 * run, so everything that belongs to one execution lives here and is reset
 * cheaply instead of rebuilding the context.
 */
export const state = {
  /** 'prerequest' | 'test' */
  event: 'prerequest',
  info: { eventName: 'prerequest', iteration: 0, iterationCount: 1, requestName: '', requestId: '' },
  hasResponse: false,
  /** Events for the host, drained by each poll. */
  out: [],
  /** Index (in the event's script list) of the script running now. */
  script: -1,
  /** Changes whenever a script starts or is abandoned: late callbacks of an older one are ignored. */
  token: 0,
  /** The running script's top-level body has finished (sync return or its promise settled). */
  settled: true,
  finished: true,
};

const executionResets = [];
const scriptResets = [];

/** Registers state to clear when a new execution (event) begins. */
export function onExecutionReset(fn) {
  executionResets.push(fn);
}

/** Registers state to clear before each script of an execution. */
export function onScriptReset(fn) {
  scriptResets.push(fn);
}

export function resetExecution(info) {
  state.event = info.eventName;
  state.info = info;
  state.hasResponse = Boolean(info.hasResponse);
  for (const fn of executionResets) fn();
}

export function resetScript(index) {
  state.script = index;
  state.token += 1;
  state.settled = false;
  state.finished = false;
  for (const fn of scriptResets) fn();
}

export function emit(event) {
  state.out.push(event);
}
