/** Turns anything thrown by a script into [name, message] for the host. */
export function describeError(error) {
  try {
    if (error !== null && typeof error === 'object') {
      const name = typeof error.name === 'string' && error.name ? error.name : 'Error';
      let message = typeof error.message === 'string' ? error.message : String(error);
      // isolated-vm rejects import() with a bare "Not supported"; say what it means.
      if (message === 'Not supported') {
        message = 'Not supported: dynamic import() is not available in scripts, use require()';
      }
      return [name, message];
    }
    return ['Error', String(error)];
  } catch {
    return ['Error', 'unreadable error thrown by script'];
  }
}
