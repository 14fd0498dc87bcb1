import { describe, expect, it } from 'vitest';
import { convertTemplate } from './templates.ts';

describe('convertTemplate', () => {
  it('rewrites Insomnia variables to Postman ones', () => {
    expect(convertTemplate('{{ _.baseUrl }}/{{_.api.version}}/x?k={{ _["api-key"] }}&old={{ host }}').text).toBe(
      '{{baseUrl}}/{{api.version}}/x?k={{api-key}}&old={{host}}',
    );
    expect(convertTemplate("{{ _['nested']['key'] }}").text).toBe('{{nested.key}}');
  });

  it('maps tags with an exact dynamic variable and reports the rest', () => {
    expect(convertTemplate("id={% uuid 'v4' %}&t={% now 'unix' %}")).toEqual({ text: 'id={{$guid}}&t={{$timestamp}}', tags: [] });
    const result = convertTemplate("Bearer {% response 'body', 'req_1', 'b64::JC50b2tlbg==::46b', 'never', 60 %}");
    expect(result.tags).toEqual(['response']);
    expect(result.text).toContain('{% response');
  });

  it('leaves Postman variables and plain text alone', () => {
    expect(convertTemplate('{{$guid}} and {{already}} and text')).toEqual({ text: '{{$guid}} and {{already}} and text', tags: [] });
  });
});
