/** The parts of @usebruno/lang (CommonJS, untyped) the Bruno importer uses. */
declare module '@usebruno/lang' {
  export interface BruPair {
    name: string;
    value: string | string[];
    enabled: boolean;
    type?: string;
    contentType?: string;
    local?: boolean;
    secret?: boolean;
  }
  export interface BruFileBody {
    filePath?: string;
    contentType?: string;
    selected?: boolean;
  }
  export interface BruRequest {
    meta?: { name?: string; type?: string; seq?: string; [key: string]: unknown };
    http?: { method?: string; url?: string; body?: string; auth?: string };
    params?: BruPair[];
    headers?: BruPair[];
    body?: {
      json?: string; text?: string; xml?: string; sparql?: string;
      formUrlEncoded?: BruPair[]; multipartForm?: BruPair[]; file?: BruFileBody[];
      graphql?: { query?: string; variables?: string };
      [key: string]: unknown;
    };
    auth?: Record<string, Record<string, unknown> | string | undefined>;
    vars?: { req?: BruPair[]; res?: BruPair[] };
    assertions?: BruPair[];
    script?: { req?: string; res?: string };
    tests?: string;
    docs?: string;
    settings?: Record<string, unknown>;
    examples?: unknown[];
    [key: string]: unknown;
  }
  interface BruLang {
    bruToJsonV2(text: string): BruRequest;
    collectionBruToJson(text: string): BruRequest;
    bruToEnvJsonV2(text: string): { variables?: BruPair[] };
  }
  const lang: BruLang;
  export default lang;
}
