// Entry bundled into the isolate for require('uuid'). Postman's uuid module is itself
// callable (returns a v4 id) and carries v1/v4/...; keep both shapes working.
const uuid = require('uuid');

function uuidCompat(...args) {
  return uuid.v4(...args);
}
Object.assign(uuidCompat, uuid);
module.exports = uuidCompat;
