import { formDataDisposition, goString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';

const CHECK = ['if err != nil {', '\tlog.Fatal(err)', '}'];

export const go: SnippetGenerator = {
  language: { id: 'go', label: 'Go (net/http)', extension: 'go' },
  generate(request) {
    const notes = request.digest ? ['net/http does not answer digest challenges; the snippet sends the request without digest auth.'] : [];
    const imports = new Set(['fmt', 'io', 'log', 'net/http']);
    const body: string[] = [];
    let payload = 'nil';
    let multipartType = false;

    const b = request.body;
    if (b?.kind === 'text') {
      imports.add('strings');
      body.push(`payload := strings.NewReader(${goString(b.text)})`);
      payload = 'payload';
    } else if (b?.kind === 'file') {
      imports.add('bytes').add('os');
      body.push(`data, err := os.ReadFile(${goString(b.path)})`, ...CHECK, 'payload := bytes.NewReader(data)');
      payload = 'payload';
    } else if (b?.kind === 'multipart') {
      imports.add('bytes').add('mime/multipart').add('net/textproto');
      body.push('payload := &bytes.Buffer{}', 'writer := multipart.NewWriter(payload)');
      for (const part of b.parts) {
        body.push('{');
        const block: string[] = ['header := make(textproto.MIMEHeader)'];
        block.push(`header.Set("Content-Disposition", ${goString(formDataDisposition(part.name, part.kind === 'file' ? part.fileName : undefined))})`);
        if (part.contentType) block.push(`header.Set("Content-Type", ${goString(part.contentType)})`);
        block.push('part, err := writer.CreatePart(header)', ...CHECK);
        if (part.kind === 'file') {
          imports.add('os');
          block.push(`content, err := os.ReadFile(${goString(part.path)})`, ...CHECK);
        } else {
          block.push(`content := []byte(${goString(part.value)})`);
        }
        block.push('if _, err := part.Write(content); err != nil {', '\tlog.Fatal(err)', '}');
        body.push(...block.map((l) => `\t${l}`), '}');
      }
      body.push('if err := writer.Close(); err != nil {', '\tlog.Fatal(err)', '}');
      payload = 'payload';
      multipartType = true;
    }

    body.push(`req, err := http.NewRequest(${goString(request.method)}, ${goString(request.url)}, ${payload})`, ...CHECK);
    for (const h of request.headers) {
      // A Host header is the request's Host field in net/http; Header.Add would be ignored.
      if (h.key.toLowerCase() === 'host') body.push(`req.Host = ${goString(h.value)}`);
      else body.push(`req.Header.Add(${goString(h.key)}, ${goString(h.value)})`);
    }
    if (multipartType) body.push('req.Header.Set("Content-Type", writer.FormDataContentType())');
    body.push(
      '',
      'res, err := http.DefaultClient.Do(req)',
      ...CHECK,
      'defer res.Body.Close()',
      '',
      'responseBody, err := io.ReadAll(res.Body)',
      ...CHECK,
      'fmt.Println(res.StatusCode)',
      'fmt.Println(string(responseBody))',
    );
    const code = [
      'package main',
      '',
      'import (',
      ...[...imports].sort().map((i) => `\t"${i}"`),
      ')',
      '',
      'func main() {',
      ...body.map((l) => (l === '' ? '' : `\t${l}`)),
      '}',
      '',
    ].join('\n');
    return { code, notes };
  },
};
