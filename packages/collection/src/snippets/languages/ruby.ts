import { rubyString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';

const REQUEST_CLASSES: Record<string, string> = {
  GET: 'Get',
  POST: 'Post',
  PUT: 'Put',
  PATCH: 'Patch',
  DELETE: 'Delete',
  HEAD: 'Head',
  OPTIONS: 'Options',
};

export const ruby: SnippetGenerator = {
  language: { id: 'ruby', label: 'Ruby (Net::HTTP)', extension: 'rb' },
  generate(request) {
    const notes = request.digest ? ['Net::HTTP does not answer digest challenges; the snippet sends the request without digest auth.'] : [];
    const lines: string[] = [`uri = URI(${rubyString(request.url)})`];
    const known = REQUEST_CLASSES[request.method];
    const b = request.body;
    lines.push(
      known
        ? `request = Net::HTTP::${known}.new(uri)`
        : `request = Net::HTTPGenericRequest.new(${rubyString(request.method)}, ${b ? 'true' : 'false'}, true, uri)`,
    );
    const seen = new Set<string>();
    for (const h of request.headers) {
      const lower = h.key.toLowerCase();
      // `[]=` replaces Net::HTTP's own default for the name; add_field keeps a repeated header.
      lines.push(seen.has(lower) ? `request.add_field(${rubyString(h.key)}, ${rubyString(h.value)})` : `request[${rubyString(h.key)}] = ${rubyString(h.value)}`);
      seen.add(lower);
    }
    if (b?.kind === 'text') {
      lines.push(`request.body = ${rubyString(b.text)}`);
    } else if (b?.kind === 'file') {
      if (!seen.has('content-type')) {
        notes.push('Net::HTTP always sends a Content-Type with a body; the snippet uses application/octet-stream.');
        lines.push("request['Content-Type'] = 'application/octet-stream'");
      }
      lines.push(`request.body = File.binread(${rubyString(b.path)})`);
    } else if (b?.kind === 'multipart') {
      lines.push('form = [');
      for (const part of b.parts) {
        if (part.kind === 'file') {
          lines.push(
            `  [${rubyString(part.name)}, File.open(${rubyString(part.path)}, 'rb'), { filename: ${rubyString(part.fileName)}, content_type: ${rubyString(part.contentType)} }],`,
          );
        } else {
          if (part.contentType) notes.push(`Net::HTTP cannot set a Content-Type on the text field "${part.name}"; it is sent without one.`);
          lines.push(`  [${rubyString(part.name)}, ${rubyString(part.value)}],`);
        }
      }
      lines.push(']', "request.set_form(form, 'multipart/form-data')");
    }
    lines.push(
      '',
      "response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|",
      '  http.request(request)',
      'end',
      'puts response.code',
      'puts response.body',
    );
    const code = ["require 'net/http'", "require 'uri'", '', ...lines, ''].join('\n');
    return { code, notes };
  },
};
