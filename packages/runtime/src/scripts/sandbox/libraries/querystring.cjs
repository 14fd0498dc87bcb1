// Entry bundled into the isolate for require('querystring').
module.exports = require('querystring-es3');
