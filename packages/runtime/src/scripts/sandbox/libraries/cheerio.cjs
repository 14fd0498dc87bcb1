// Entry bundled into the isolate for require('cheerio'): the browser build (no network code).
module.exports = require('cheerio');
