/** Query/form values as the echo service shows them: one value as a string, repeated keys as an array. */
export type ParamRecord = Record<string, string | string[]>;

export function addParam(target: ParamRecord, key: string, value: string): void {
  const existing = target[key];
  if (existing === undefined) target[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else target[key] = [existing, value];
}

export function paramsToRecord(params: URLSearchParams): ParamRecord {
  const out: ParamRecord = {};
  for (const [key, value] of params) addParam(out, key, value);
  return out;
}
