// Entry bundled into the isolate for require('url'): the npm implementation, not Node's.
module.exports = require('url/');
