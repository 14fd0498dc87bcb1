/**
 * Postman Collection v2.0 / v2.1 as it is stored on disk.
 *
 * The model *is* the JSON: every interface is open (`[key: string]: unknown`)
 * so unknown fields survive a parse → serialize round trip untouched.
 * Helpers in this package normalise the union shapes (string vs object URL,
 * list vs string headers, …) when they are read, never when stored.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Extensible {
  [key: string]: unknown;
}

export interface Description extends Extensible {
  content?: string;
  type?: string;
  version?: unknown;
}

export interface Variable extends Extensible {
  id?: string;
  key?: string;
  value?: unknown;
  type?: string;
  name?: string;
  description?: string | Description | null;
  system?: boolean;
  disabled?: boolean;
  /** Postman app exports mark switched-off variables with `enabled: false`. */
  enabled?: boolean;
}

export interface QueryParam extends Extensible {
  key: string | null;
  value?: string | null;
  disabled?: boolean;
  description?: string | Description | null;
}

export interface UrlObject extends Extensible {
  raw?: string;
  protocol?: string;
  host?: string | string[];
  path?: string | Array<string | { type?: string; value?: string }>;
  port?: string;
  query?: QueryParam[];
  hash?: string;
  variable?: Variable[];
  /** `user:password@` credentials written in the URL (not part of the schema; kept by parseUrl). */
  auth?: UrlCredentials;
}

export interface UrlCredentials extends Extensible {
  user?: string;
  password?: string;
}

export type Url = string | UrlObject;

export interface Header extends Extensible {
  key: string;
  value: string;
  disabled?: boolean;
  description?: string | Description | null;
}

export interface FormParam extends Extensible {
  key: string;
  value?: string;
  src?: string | string[] | null;
  type?: 'text' | 'file' | string;
  contentType?: string;
  disabled?: boolean;
  description?: string | Description | null;
}

export interface UrlEncodedParam extends Extensible {
  key: string;
  value?: string;
  disabled?: boolean;
  description?: string | Description | null;
}

export type BodyMode = 'raw' | 'urlencoded' | 'formdata' | 'file' | 'graphql';

export interface RequestBody extends Extensible {
  mode?: BodyMode | string;
  raw?: string;
  urlencoded?: UrlEncodedParam[];
  formdata?: FormParam[];
  file?: { src?: string | null; content?: string } & Extensible;
  graphql?: { query?: string; variables?: string | Record<string, unknown> } & Extensible;
  options?: { raw?: { language?: string } & Extensible } & Extensible;
  disabled?: boolean;
}

/** One auth parameter (v2.1 stores auth params as a key/value/type list). */
export interface AuthAttribute extends Extensible {
  key: string;
  value?: unknown;
  type?: string;
}

export type AuthType =
  | 'noauth'
  | 'basic'
  | 'bearer'
  | 'apikey'
  | 'digest'
  | 'oauth1'
  | 'oauth2'
  | 'hawk'
  | 'awsv4'
  | 'edgegrid'
  | 'jwt'
  | 'ntlm'
  | 'akamai';

/**
 * v2.1: `{ type, basic: [{key, value}] }`; v2.0: `{ type, basic: { username, password } }`.
 * Read both through `authParams()`.
 */
export interface Auth extends Extensible {
  type: AuthType | string;
}

export interface ScriptBody extends Extensible {
  id?: string;
  type?: string;
  exec?: string | string[];
  src?: Url;
  name?: string;
}

export interface Event extends Extensible {
  id?: string;
  listen: 'prerequest' | 'test' | string;
  script?: ScriptBody;
  disabled?: boolean;
}

export interface Certificate extends Extensible {
  name?: string;
  matches?: string[];
  key?: { src?: string } & Extensible;
  cert?: { src?: string } & Extensible;
  passphrase?: string;
}

export interface Proxy extends Extensible {
  match?: string;
  host?: string;
  port?: number;
  tunnel?: boolean;
  disabled?: boolean;
}

export interface RequestObject extends Extensible {
  url?: Url;
  auth?: Auth | null;
  proxy?: Proxy;
  certificate?: Certificate;
  method?: string;
  description?: string | Description | null;
  header?: Header[] | string;
  body?: RequestBody | null;
}

export type Request = string | RequestObject;

export interface Cookie extends Extensible {
  domain?: string;
  expires?: string | number | null;
  maxAge?: string;
  hostOnly?: boolean;
  httpOnly?: boolean;
  name?: string;
  path?: string;
  secure?: boolean;
  session?: boolean;
  value?: string;
}

/** A saved response ("example"). */
export interface Response extends Extensible {
  id?: string;
  name?: string;
  originalRequest?: Request;
  responseTime?: number | string | null;
  timings?: unknown;
  header?: Header[] | string | null;
  cookie?: Cookie[];
  body?: string | null;
  status?: string;
  code?: number;
  _postman_previewlanguage?: string;
}

export interface ProtocolProfileBehavior extends Extensible {
  followRedirects?: boolean;
  followOriginalHttpMethod?: boolean;
  followAuthorizationHeader?: boolean;
  maxRedirects?: number;
  strictSSL?: boolean;
  disableBodyPruning?: boolean;
  disableUrlEncoding?: boolean;
  disableCookies?: boolean;
  insecureHTTPParser?: boolean;
}

export interface Item extends Extensible {
  id?: string;
  name?: string;
  description?: string | Description | null;
  variable?: Variable[];
  event?: Event[];
  request: Request;
  response?: Response[];
  protocolProfileBehavior?: ProtocolProfileBehavior;
}

export interface ItemGroup extends Extensible {
  id?: string;
  name?: string;
  description?: string | Description | null;
  variable?: Variable[];
  item: Array<Item | ItemGroup>;
  event?: Event[];
  auth?: Auth | null;
  protocolProfileBehavior?: ProtocolProfileBehavior;
}

export interface Info extends Extensible {
  name: string;
  _postman_id?: string;
  description?: string | Description | null;
  version?: unknown;
  /** The v2.0 or v2.1 schema URL; absent in some hand-written or generated files. */
  schema?: string;
}

export interface Collection extends Extensible {
  info: Info;
  item: Array<Item | ItemGroup>;
  event?: Event[];
  variable?: Variable[];
  auth?: Auth | null;
  protocolProfileBehavior?: ProtocolProfileBehavior;
}

/** An environment or globals export from Postman. */
export interface VariableList extends Extensible {
  id?: string;
  name?: string;
  values: Variable[];
  _postman_variable_scope?: string;
}

export function isItemGroup(node: Item | ItemGroup): node is ItemGroup {
  return Array.isArray((node as ItemGroup).item);
}
