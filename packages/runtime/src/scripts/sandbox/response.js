/**
 * pm.response and pm.sendRequest results: Postman's Response over data copied
 * from the host. The body crosses over only when a script reads it.
 */
import { jsonParse } from './bridge.js';
import { cookieList, headerList } from './property-list.js';

const REASONS = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
  425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage',
  508: 'Loop Detected', 510: 'Not Extended', 511: 'Network Authentication Required',
};

export function reasonPhrase(code) {
  return REASONS[code] || '';
}

/** Cookies a response sets, read from its Set-Cookie headers. */
function parseSetCookie(line) {
  const [pair, ...attributes] = String(line).split(';');
  const eq = pair.indexOf('=');
  const cookie = { name: (eq < 0 ? pair : pair.slice(0, eq)).trim(), value: eq < 0 ? '' : pair.slice(eq + 1).trim() };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? true : attribute.slice(at + 1).trim();
    if (key === 'domain') cookie.domain = value;
    else if (key === 'path') cookie.path = value;
    else if (key === 'expires') cookie.expires = value;
    else if (key === 'max-age') cookie.maxAge = value;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = value;
  }
  return cookie;
}

export class JSONError extends Error {
  constructor(message) {
    super(message);
    this.name = 'JSONError';
  }
}

export class ScriptResponse {
  /**
   * @param meta { code, status, headers, responseTime, size } copied from the host (undefined: no response)
   * @param loadBody returns the body text, called at most once
   * @param loadBase64 returns the body as base64 (binary-safe), for .stream / dataURI()
   */
  constructor(meta, loadBody, loadBase64) {
    const data = meta || {};
    Object.defineProperties(this, {
      _loadBody: { value: loadBody },
      _loadBase64: { value: loadBase64 },
      _text: { value: undefined, writable: true },
      _cookies: { value: undefined, writable: true },
    });
    this.id = data.id;
    this.code = typeof data.code === 'number' ? data.code : undefined;
    this.status = typeof data.status === 'string' && data.status ? data.status : reasonPhrase(this.code);
    this.headers = headerList(Array.isArray(data.headers) ? data.headers : []);
    this.responseTime = typeof data.responseTime === 'number' ? data.responseTime : undefined;
    const size = data.size || {};
    this.responseSize = typeof size.body === 'number' ? size.body : undefined;
    Object.defineProperty(this, '_size', { value: { body: size.body || 0, header: size.header || 0, total: size.total || 0 } });
  }

  static isResponse(value) {
    return value instanceof ScriptResponse;
  }

  get cookies() {
    if (!this._cookies) {
      this._cookies = cookieList(
        this.headers
          .all()
          .filter((header) => String(header.key).toLowerCase() === 'set-cookie')
          .map((header) => parseSetCookie(header.value)),
      );
    }
    return this._cookies;
  }

  get stream() {
    const { Buffer } = globalThis;
    return this._loadBase64 ? Buffer.from(this._loadBase64(), 'base64') : Buffer.from(this.text());
  }

  text() {
    if (this._text === undefined) {
      const text = this._loadBody ? this._loadBody() : '';
      this._text = typeof text === 'string' ? text : '';
    }
    return this._text;
  }

  json(reviver) {
    const text = this.text().replace(/^\uFEFF/, '');
    try {
      return jsonParse(text, reviver);
    } catch (error) {
      throw new JSONError(error && error.message ? error.message : 'Invalid JSON');
    }
  }

  jsonp(reviver) {
    const text = this.text().trim();
    const match = /^[\w$.]+\s*\(([\s\S]*)\)\s*;?$/.exec(text);
    return jsonParse(match ? match[1] : text, reviver);
  }

  reason() {
    return this.status || reasonPhrase(this.code);
  }

  details() {
    const name = this.reason();
    return { code: this.code, name, detail: name };
  }

  size() {
    return { ...this._size };
  }

  contentInfo() {
    const type = this.headers.get('Content-Type');
    const contentType = typeof type === 'string' ? type : Array.isArray(type) ? type[type.length - 1] : '';
    const [mime = '', ...params] = contentType.split(';').map((part) => part.trim());
    const charsetParam = params.find((part) => part.toLowerCase().startsWith('charset='));
    const mimeType = mime.toLowerCase();
    const subtype = mimeType.split('/')[1] || '';
    const mimeFormat = /json/.test(subtype) ? 'json' : /xml/.test(subtype) ? 'xml' : /html/.test(subtype) ? 'html' : mimeType.startsWith('text/') ? 'text' : mimeType.startsWith('image/') ? 'image' : 'raw';
    return {
      contentType,
      mimeType: mimeType.split('/')[0] || '',
      mimeFormat,
      charset: charsetParam ? charsetParam.slice(8) : 'utf8',
      fileExtension: subtype.replace(/^.*\+/, ''),
      fileName: 'response',
    };
  }

  dataURI() {
    const info = this.contentInfo();
    const base64 = this._loadBase64 ? this._loadBase64() : globalThis.btoa(unescape(encodeURIComponent(this.text())));
    return `data:${info.contentType.split(';')[0] || 'application/octet-stream'};base64,${base64}`;
  }

  encoding() {
    return { format: 'utf8', source: 'default' };
  }

  toJSON() {
    return {
      id: this.id,
      code: this.code,
      status: this.status,
      header: this.headers.toJSON(),
      responseTime: this.responseTime,
      responseSize: this.responseSize,
    };
  }
}
