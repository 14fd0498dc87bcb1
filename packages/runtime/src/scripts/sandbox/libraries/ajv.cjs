// Entry bundled into the isolate for require('ajv').
module.exports = require('ajv');
