/**
 * Timers inside the isolate. Callbacks stay here; the host only learns when the
 * next one is due (from each poll) and asks for it to fire, one at a time, so
 * the host event loop drives time and the script's time limit still applies.
 */
const queue = new Map();
let sequence = 0;

function add(callback, delay, args, repeat) {
  if (typeof callback !== 'function') {
    throw new TypeError('The "callback" argument must be of type function');
  }
  const ms = Math.max(0, Number(delay) || 0);
  const id = ++sequence;
  queue.set(id, { callback, args, ms, due: Date.now() + ms, repeat });
  return id;
}

function remove(id) {
  queue.delete(Number(id));
}

export const timerGlobals = {
  setTimeout: (callback, delay, ...args) => add(callback, delay, args, false),
  setInterval: (callback, delay, ...args) => add(callback, delay, args, true),
  setImmediate: (callback, ...args) => add(callback, 0, args, false),
  clearTimeout: remove,
  clearInterval: remove,
  clearImmediate: remove,
};

export function pendingTimers() {
  return queue.size;
}

/** Milliseconds until the next timer is due; -1 when none is pending. */
export function nextTimerDelay() {
  if (queue.size === 0) return -1;
  let due = Infinity;
  for (const timer of queue.values()) if (timer.due < due) due = timer.due;
  return Math.max(0, due - Date.now());
}

/** Runs the earliest due timer, if any. Errors propagate to the caller. */
export function fireNextTimer() {
  const now = Date.now();
  let nextId = 0;
  let next;
  for (const [id, timer] of queue) {
    if (timer.due <= now && (!next || timer.due < next.due)) {
      next = timer;
      nextId = id;
    }
  }
  if (!next) return;
  if (next.repeat) next.due = now + Math.max(1, next.ms);
  else queue.delete(nextId);
  next.callback(...next.args);
}

export function clearTimers() {
  queue.clear();
}
