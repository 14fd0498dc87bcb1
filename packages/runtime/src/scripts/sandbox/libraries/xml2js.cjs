// Entry bundled into the isolate for require('xml2js').
module.exports = require('xml2js');
