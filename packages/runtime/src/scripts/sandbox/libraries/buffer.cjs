// Entry bundled into the isolate for require('buffer'): the npm implementation, not Node's.
module.exports = require('buffer/');
