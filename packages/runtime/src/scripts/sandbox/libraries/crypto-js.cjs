// Entry bundled into the isolate for require('crypto-js').
module.exports = require('crypto-js');
