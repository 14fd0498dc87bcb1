/** A small JSON → XML rendering for XML request and response examples (element per property). */
import { isObj, type Json, type JsonObject } from './json.ts';

export function toXml(value: Json, schema: Json | undefined, fallbackName = 'element'): string {
  const root = isObj(schema) && isObj(schema.xml) && typeof schema.xml.name === 'string' ? schema.xml.name : fallbackName;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, '')}`;
}

function element(name: string, value: Json, indent: string): string {
  if (Array.isArray(value)) return value.map((v) => element(name, v, indent)).join('\n');
  if (isObj(value)) {
    const children = Object.entries(value as JsonObject).map(([k, v]) => element(k, v, `${indent}  `));
    return `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escape(value === null ? '' : String(value))}</${name}>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
