import { phpString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';

export const php: SnippetGenerator = {
  language: { id: 'php', label: 'PHP (cURL)', extension: 'php' },
  generate(request) {
    const notes: string[] = [];
    const options: string[] = [
      `CURLOPT_URL => ${phpString(request.url)}`,
      'CURLOPT_RETURNTRANSFER => true',
      'CURLOPT_TIMEOUT => 30',
    ];
    options.push(request.method === 'HEAD' ? 'CURLOPT_NOBODY => true' : `CURLOPT_CUSTOMREQUEST => ${phpString(request.method)}`);
    // `Name;` sends an empty header; `Name:` removes one libcurl would add.
    const headers = request.headers.map((h) => phpString(h.value === '' ? `${h.key};` : `${h.key}: ${h.value}`));
    const b = request.body;
    const hasContentType = request.headers.some((h) => h.key.toLowerCase() === 'content-type');
    const setup: string[] = [];
    if (b?.kind === 'text') {
      options.push(`CURLOPT_POSTFIELDS => ${phpString(b.text)}`);
    } else if (b?.kind === 'file') {
      if (!hasContentType) headers.push(phpString('Content-Type:'));
      options.push(`CURLOPT_POSTFIELDS => file_get_contents(${phpString(b.path)})`);
    } else if (b?.kind === 'multipart') {
      const seen = new Set<string>();
      setup.push('$form = [');
      for (const part of b.parts) {
        if (seen.has(part.name)) notes.push(`A PHP array holds one "${part.name}" field; only the last one is sent.`);
        seen.add(part.name);
        if (part.kind === 'file') {
          setup.push(`    ${phpString(part.name)} => new CURLFile(${phpString(part.path)}, ${phpString(part.contentType)}, ${phpString(part.fileName)}),`);
        } else {
          if (part.contentType) notes.push(`PHP cURL cannot set a Content-Type on the text field "${part.name}"; it is sent without one.`);
          setup.push(`    ${phpString(part.name)} => ${phpString(part.value)},`);
        }
      }
      setup.push('];', '');
      options.push('CURLOPT_POSTFIELDS => $form');
    }
    if (headers.length) options.push(`CURLOPT_HTTPHEADER => [\n        ${headers.join(',\n        ')},\n    ]`);
    if (request.digest) {
      options.push('CURLOPT_HTTPAUTH => CURLAUTH_DIGEST', `CURLOPT_USERPWD => ${phpString(`${request.digest.username}:${request.digest.password}`)}`);
    }
    const code = [
      '<?php',
      '',
      ...setup,
      '$curl = curl_init();',
      'curl_setopt_array($curl, [',
      ...options.map((o) => `    ${o},`),
      ']);',
      '',
      '$response = curl_exec($curl);',
      'if ($response === false) {',
      "    fwrite(STDERR, curl_error($curl) . \"\\n\");",
      '    exit(1);',
      '}',
      'echo curl_getinfo($curl, CURLINFO_RESPONSE_CODE), "\\n";',
      'echo $response, "\\n";',
      'curl_close($curl);',
      '',
    ].join('\n');
    return { code, notes };
  },
};
