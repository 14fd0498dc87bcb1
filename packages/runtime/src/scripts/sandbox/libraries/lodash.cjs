// Entry bundled into the isolate for require('lodash').
module.exports = require('lodash');
