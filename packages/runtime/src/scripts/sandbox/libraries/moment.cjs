// Entry bundled into the isolate for require('moment').
module.exports = require('moment');
