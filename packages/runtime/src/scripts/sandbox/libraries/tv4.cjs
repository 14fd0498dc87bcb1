// Entry bundled into the isolate for require('tv4').
module.exports = require('tv4');
