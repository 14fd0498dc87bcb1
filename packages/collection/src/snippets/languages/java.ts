import { formDataDisposition, javaString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';

/** Headers java.net.http refuses to set (it manages them itself). */
const RESTRICTED = new Set(['connection', 'content-length', 'expect', 'host', 'upgrade']);

export const java: SnippetGenerator = {
  language: { id: 'java', label: 'Java (HttpClient)', extension: 'java' },
  generate(request) {
    const notes = request.digest ? ['java.net.http answers only basic challenges; the snippet sends the request without digest auth.'] : [];
    const imports = new Set(['java.net.URI', 'java.net.http.HttpClient', 'java.net.http.HttpRequest', 'java.net.http.HttpResponse']);
    const setup: string[] = [];
    let publisher = 'HttpRequest.BodyPublishers.noBody()';
    const b = request.body;
    let multipart = false;
    if (b?.kind === 'text') {
      imports.add('java.nio.charset.StandardCharsets');
      publisher = `HttpRequest.BodyPublishers.ofString(${javaString(b.text)}, StandardCharsets.UTF_8)`;
    } else if (b?.kind === 'file') {
      imports.add('java.nio.file.Path');
      publisher = `HttpRequest.BodyPublishers.ofFile(Path.of(${javaString(b.path)}))`;
    } else if (b?.kind === 'multipart') {
      multipart = true;
      imports.add('java.io.ByteArrayOutputStream').add('java.nio.charset.StandardCharsets').add('java.util.UUID');
      setup.push(
        '// java.net.http has no multipart encoder, so the body is written part by part.',
        'String boundary = "PosternBoundary" + UUID.randomUUID().toString().replace("-", "");',
        'ByteArrayOutputStream form = new ByteArrayOutputStream();',
      );
      for (const part of b.parts) {
        let head = `Content-Disposition: ${formDataDisposition(part.name, part.kind === 'file' ? part.fileName : undefined)}\r\n`;
        if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
        head += '\r\n';
        setup.push(`form.write(("--" + boundary + "\\r\\n" + ${javaString(head)}).getBytes(StandardCharsets.UTF_8));`);
        if (part.kind === 'file') {
          imports.add('java.nio.file.Files').add('java.nio.file.Path');
          setup.push(`form.write(Files.readAllBytes(Path.of(${javaString(part.path)})));`);
        } else {
          setup.push(`form.write(${javaString(part.value)}.getBytes(StandardCharsets.UTF_8));`);
        }
        setup.push('form.write("\\r\\n".getBytes(StandardCharsets.UTF_8));');
      }
      setup.push('form.write(("--" + boundary + "--\\r\\n").getBytes(StandardCharsets.UTF_8));');
      publisher = 'HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())';
    }

    const builder = [`HttpRequest request = HttpRequest.newBuilder()`, `    .uri(URI.create(${javaString(request.url)}))`];
    for (const h of request.headers) {
      if (RESTRICTED.has(h.key.toLowerCase())) {
        notes.push(`java.net.http does not allow setting the ${h.key} header; it is left out.`);
        continue;
      }
      builder.push(`    .header(${javaString(h.key)}, ${javaString(h.value)})`);
    }
    if (multipart) builder.push('    .header("Content-Type", "multipart/form-data; boundary=" + boundary)');
    builder.push(`    .method(${javaString(request.method)}, ${publisher})`, '    .build();');

    const main = [
      ...setup,
      ...(setup.length ? [''] : []),
      // HTTP/1.1, because the default would try an h2c upgrade on http:// URLs.
      'HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();',
      ...builder,
      '',
      'HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());',
      'System.out.println(response.statusCode());',
      'System.out.println(response.body());',
    ];
    const code = [
      ...[...imports].sort().map((i) => `import ${i};`),
      '',
      'public class Main {',
      '    public static void main(String[] args) throws Exception {',
      ...main.map((l) => (l === '' ? '' : `        ${l}`)),
      '    }',
      '}',
      '',
    ].join('\n');
    return { code, notes };
  },
};
