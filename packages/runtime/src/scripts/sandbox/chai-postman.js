/**
 * Postman's response and request assertions for chai: pm.response.to.have.status(200),
 * .header(), .body(), .jsonBody(), .jsonSchema(), .be.ok / success / notFound / ...
 * Behaviour (what each checks, when .ok falls back to truthiness) follows Postman's plugin.
 */
import { ScriptRequest } from './request.js';
import { ScriptResponse } from './response.js';

const STATUS_CLASSES = { info: 1, success: 2, redirection: 3, clientError: 4, serverError: 5 };
const STATUS_NAMES = {
  accepted: [202, 'Accepted'],
  withoutContent: [204, 'No Content'],
  badRequest: [400, 'Bad Request'],
  unauthorised: [401, 'Unauthorised'],
  unauthorized: [401, 'Unauthorized'],
  forbidden: [403, 'Forbidden'],
  notFound: [404, 'Not Found'],
  notAcceptable: [406, 'Acceptable'],
  rateLimited: [429, 'Too Many Requests'],
};

/** lodash-style property path: 'a.b[0].c' or ['a', 'b']. */
function pathSegments(path) {
  if (Array.isArray(path)) return path.map(String);
  const segments = [];
  String(path).replace(/[^.[\]]+|\[(?:(\d+)|(["'])(.*?)\2)\]/g, (match, index, _quote, quoted) => {
    segments.push(index !== undefined ? index : quoted !== undefined ? quoted : match);
    return match;
  });
  return segments;
}

function hasPath(object, path) {
  let current = object;
  for (const segment of pathSegments(path)) {
    if (current === null || current === undefined || !Object.hasOwn(Object(current), segment)) return false;
    current = current[segment];
  }
  return true;
}

function getPath(object, path) {
  let current = object;
  for (const segment of pathSegments(path)) {
    if (current === null || current === undefined) return undefined;
    current = current[segment];
  }
  return current;
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function jsonProblem(target) {
  try {
    target.json();
    return undefined;
  } catch (error) {
    return error.name === 'JSONError' && error.message ? error.message.replace(/(.*?)\n.*/g, '$1') : `${error.name}: ${error.message}`;
  }
}

/** @param loadAjv returns the Ajv class (bundled lazily, only jsonSchema needs it) */
export function chaiPostman(loadAjv) {
  return function plugin(chai, utils) {
    const { Assertion } = chai;
    const isResponse = (value) => value instanceof ScriptResponse;
    const isRequest = (value) => value instanceof ScriptRequest;
    const kind = (value) => (isRequest(value) ? 'request' : isResponse(value) ? 'response' : undefined);

    // A non-response target fails whatever the negation (as Postman's nested assertions do).
    function requireResponse(assertion) {
      if (!isResponse(assertion._obj)) {
        throw new chai.AssertionError(`expecting a postman response object but got ${utils.inspect(assertion._obj)}`);
      }
    }

    function requireRequestOrResponse(assertion) {
      if (!isResponse(assertion._obj) && !isRequest(assertion._obj)) {
        throw new chai.AssertionError(`expecting a postman request or response object but got ${utils.inspect(assertion._obj)}`);
      }
    }

    function codeOf(assertion) {
      requireResponse(assertion);
      const code = assertion._obj.code;
      if (typeof code !== 'number') throw new chai.AssertionError(`expected ${utils.inspect(code)} to be a number`);
      return code;
    }

    Assertion.addProperty('postmanRequest', function () {
      this.assert(isRequest(this._obj), 'expecting a postman request object but got #{this}', 'not expecting a postman request object');
    });
    Assertion.addProperty('postmanResponse', function () {
      this.assert(isResponse(this._obj), 'expecting a postman response object but got #{this}', 'not expecting a postman response object');
    });
    Assertion.addProperty('postmanRequestOrResponse', function () {
      this.assert(
        isResponse(this._obj) || isRequest(this._obj),
        'expecting a postman request or response object but got #{this}',
        'not expecting a postman request or response object',
      );
    });

    function assertClass(assertion, expected) {
      const code = codeOf(assertion);
      assertion.assert(Math.floor(code / 100) === expected, 'expected response code to be #{exp}XX but found #{act}', 'expected response code to not be #{exp}XX', expected, code);
    }

    Assertion.addMethod('statusCodeClass', function (expected) {
      assertClass(this, expected);
    });
    for (const [name, expected] of Object.entries(STATUS_CLASSES)) {
      Assertion.addProperty(name, function () {
        assertClass(this, expected);
      });
    }

    Assertion.addProperty('error', function () {
      const code = codeOf(this);
      const family = Math.floor(code / 100);
      this.assert(family === 4 || family === 5, 'expected response code to be 4XX or 5XX but found #{act}', 'expected response code to not be 4XX or 5XX', null, code);
    });

    function assertCode(assertion, expected) {
      const code = codeOf(assertion);
      assertion.assert(code === Number(expected), 'expected response to have status code #{exp} but got #{act}', 'expected response to not have status code #{act}', Number(expected), code);
    }

    function assertReason(assertion, expected) {
      requireResponse(assertion);
      const reason = assertion._obj.reason();
      assertion.assert(reason === expected, 'expected response to have status reason #{exp} but got #{act}', 'expected response to not have status reason #{act}', expected, reason);
    }

    Assertion.addMethod('statusCode', function (expected) {
      assertCode(this, expected);
    });
    Assertion.addMethod('statusReason', function (expected) {
      assertReason(this, String(expected));
    });
    Assertion.addMethod('status', function (expected) {
      requireResponse(this);
      if (typeof expected === 'number') assertCode(this, expected);
      else assertReason(this, expected);
    });

    function assertNamedStatus(assertion, code, reason) {
      requireResponse(assertion);
      const actualReason = String(assertion._obj.reason()).toUpperCase();
      const actualCode = Number(assertion._obj.code);
      assertion.assert(actualReason === reason.toUpperCase(), 'expected response to have status reason #{exp} but got #{act}', 'expected response to not have status reason #{act}', reason.toUpperCase(), actualReason);
      assertion.assert(actualCode === code, 'expected response to have status code #{exp} but got #{act}', 'expected response to not have status code #{act}', code, actualCode);
    }

    for (const [name, [code, reason]] of Object.entries(STATUS_NAMES)) {
      Assertion.addProperty(name, function () {
        assertNamedStatus(this, code, reason);
      });
    }

    // .ok means "status 200 OK" for a response and plain truthiness for anything else.
    Assertion.addProperty('ok', function () {
      if (!isResponse(this._obj)) {
        this.assert(utils.flag(this, 'object'), 'expected #{this} to be truthy', 'expected #{this} to be falsy');
        return;
      }
      assertNamedStatus(this, 200, 'OK');
    });

    Assertion.addMethod('header', function (name, value) {
      requireRequestOrResponse(this);
      const target = kind(this._obj);
      const present = this._obj.headers.has(name);
      this.assert(present, `expected ${target} to have header with key '${String(name)}'`, `expected ${target} to not have header with key '${String(name)}'`, true, present);
      if (arguments.length < 2) return;
      const actual = this._obj.headers.one(name).value;
      this.assert(actual === value, `expected '${String(name)}' ${target} header to be #{exp} but got #{act}`, `expected '${String(name)}' ${target} header to not be #{act}`, value, actual);
    });

    Assertion.addProperty('withBody', function () {
      requireResponse(this);
      const text = this._obj.text();
      this.assert(typeof text === 'string' && text.length > 0, 'expected response to have content in body', 'expected response to not have content in body');
    });

    Assertion.addProperty('json', function () {
      requireResponse(this);
      const problem = jsonProblem(this._obj);
      this.assert(!problem, `expected response body to be a valid json but got error ${problem}`, 'expected response body not to be a valid json');
    });

    Assertion.addMethod('body', function (expected) {
      requireResponse(this);
      if (isPlainObject(expected)) {
        let actual;
        try {
          actual = this._obj.json();
        } catch {
          actual = undefined;
        }
        this.assert(utils.eql(actual, expected), 'expected response body json to equal #{exp} but got #{act}', 'expected response body json to not equal #{exp} but got #{act}', expected, actual);
        return;
      }
      const text = this._obj.text();
      if (arguments.length === 0) {
        this.assert(typeof text === 'string' && text.length > 0, 'expected response to have content in body', 'expected response to not have content in body');
      } else if (expected instanceof RegExp) {
        this.assert(expected.exec(text) !== null, 'expected response body text to match #{exp} but got #{act}', 'expected response body text #{act} to not match #{exp}', expected, text);
      } else {
        this.assert(utils.eql(text, expected), 'expected response body to equal #{exp} but got #{act}', 'expected response body to not equal #{exp}', expected, text);
      }
    });

    Assertion.addMethod('jsonBody', function (path, value) {
      requireResponse(this);
      let json;
      let problem;
      try {
        json = this._obj.json();
      } catch (error) {
        problem = error.name === 'JSONError' && error.message ? error.message : `${error.name}: ${error.message}`;
      }
      if (arguments.length === 0) {
        this.assert(!problem, `expected response body to be a valid json but got error ${problem}`, 'expected response body not to be a valid json');
        return;
      }
      if (typeof path !== 'string') return;
      this.assert(hasPath(json, path), 'expected #{act} in response to contain property #{exp}', 'expected #{act} in response to not contain property #{exp}', path, json);
      if (arguments.length > 1) {
        const actual = getPath(json, path);
        this.assert(utils.eql(actual, value), `expected response body json at "${path}" to contain #{exp} but got #{act}`, `expected response body json at "${path}" to not contain #{exp} but got #{act}`, value, actual);
      }
    });

    Assertion.addChainableMethod(
      'responseTime',
      function (expected) {
        const time = utils.flag(this, 'number');
        this.assert(typeof time === 'number', 'expected response to have a valid response time but got #{act}', 'expected response to not have a valid response time but got #{act}', null, time);
        if (arguments.length) this.assert(utils.eql(time, expected), 'expected response to have a valid response time but got #{act}', 'expected response to not have a valid response time but got #{act}', null, time);
      },
      function () {
        requireResponse(this);
        utils.flag(this, 'number', this._obj.responseTime);
        this._obj = this._obj.responseTime;
      },
    );

    Assertion.addChainableMethod(
      'responseSize',
      function (expected) {
        const size = utils.flag(this, 'number');
        this.assert(typeof size === 'number', 'expected response to have a valid response size but got #{act}', 'expected response to not have a valid response size but got #{act}', null, size);
        if (arguments.length) this.assert(utils.eql(size, expected), 'expected response size to equal #{act} but got #{exp}', 'expected response size to not equal #{act} but got #{exp}', expected, size);
      },
      function () {
        requireResponse(this);
        const size = this._obj.size();
        const total = (size.header || 0) + (size.body || 0);
        utils.flag(this, 'number', total);
        this._obj = total;
      },
    );

    Assertion.addMethod('jsonSchema', function (schema, options) {
      if (schema === null || typeof schema !== 'object') throw new chai.AssertionError(`expected ${utils.inspect(schema)} to be an object`);
      const Ajv = loadAjv();
      const ajv = new Ajv({ allErrors: true, logger: false, ...options });
      const data = isResponse(this._obj) || (isRequest(this._obj) && typeof this._obj.json === 'function') ? this._obj.json() : this._obj;
      const valid = ajv.validate(schema, data);
      this.assert(valid && !ajv.errors, `expected data to satisfy schema but found following errors: \n${ajv.errorsText()}`, 'expected data to not satisfy schema', true, valid);
    });
  };
}
