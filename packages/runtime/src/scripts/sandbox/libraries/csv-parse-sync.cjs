// Entry bundled into the isolate for require('csv-parse/sync') (and Postman's older
// 'csv-parse/lib/sync', which exported the parse function itself): callable, with .parse.
const { parse, CsvError } = require('csv-parse/sync');

function parseCompat(...args) {
  return parse(...args);
}
parseCompat.parse = parse;
parseCompat.CsvError = CsvError;
module.exports = parseCompat;
