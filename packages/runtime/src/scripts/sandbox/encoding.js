/** atob / btoa as browsers define them (Latin-1 strings <-> base64). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((char, i) => [char, i]));

function invalidCharacter(message) {
  const error = new Error(message);
  error.name = 'InvalidCharacterError';
  return error;
}

export function btoa(input) {
  const text = String(input);
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : NaN;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : NaN;
    if (a > 255 || b > 255 || c > 255) throw invalidCharacter('Invalid character: btoa() accepts Latin-1 characters only');
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += ALPHABET[(bits >> 18) & 63] + ALPHABET[(bits >> 12) & 63];
    out += Number.isNaN(b) ? '=' : ALPHABET[(bits >> 6) & 63];
    out += Number.isNaN(c) ? '=' : ALPHABET[bits & 63];
  }
  return out;
}

export function atob(input) {
  let text = String(input).replace(/[\t\n\f\r ]/g, '');
  if (text.length % 4 === 0) text = text.replace(/==?$/, '');
  if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text)) {
    throw invalidCharacter('The string to be decoded is not correctly encoded.');
  }
  let out = '';
  let bits = 0;
  let count = 0;
  for (const char of text) {
    bits = (bits << 6) | LOOKUP.get(char);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 255);
    }
  }
  return out;
}
