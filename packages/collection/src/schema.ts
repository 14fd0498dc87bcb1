/**
 * zod schemas for Postman Collection v2.0/v2.1 and variable-list files.
 *
 * They check the shapes the rest of Postern reads (so a wrong type fails at
 * load time with a path, not mid-run) and nothing more: every object is loose
 * so unknown fields pass, and fields nobody reads (descriptions, cookies,
 * timings…) are not checked at all. Validation never transforms: callers
 * keep the original JSON value.
 */
import { z } from 'zod';

const text = z.string();
const optionalText = z.string().optional();
const flag = z.boolean().optional();

export const variableSchema = z.looseObject({
  key: z.union([z.string(), z.number()]).optional(),
  type: optionalText,
  disabled: flag,
  enabled: flag,
});

const variableListField = z.array(variableSchema).optional();

const queryParamSchema = z.looseObject({
  key: z.string().nullable().optional(),
  value: z.string().nullable().optional(),
  disabled: flag,
});

const pathSegmentSchema = z.union([text, z.looseObject({ type: optionalText, value: optionalText })]);

export const urlObjectSchema = z.looseObject({
  raw: optionalText,
  protocol: optionalText,
  host: z.union([text, z.array(text)]).optional(),
  port: z.union([text, z.number()]).optional(),
  path: z.union([text, z.array(pathSegmentSchema)]).optional(),
  query: z.array(queryParamSchema).optional(),
  hash: optionalText,
  variable: variableListField,
});

export const urlSchema = z.union([text, urlObjectSchema]);

const headerSchema = z.looseObject({ key: text, value: optionalText, disabled: flag });
const headerField = z.union([z.array(headerSchema), text]);

const formParamSchema = z.looseObject({
  key: text,
  value: optionalText,
  src: z.union([text, z.array(text), z.null()]).optional(),
  type: optionalText,
  contentType: optionalText,
  disabled: flag,
});

const urlEncodedParamSchema = z.looseObject({ key: text, value: optionalText, disabled: flag });

export const bodySchema = z.looseObject({
  mode: optionalText,
  raw: optionalText,
  urlencoded: z.array(urlEncodedParamSchema).optional(),
  formdata: z.array(formParamSchema).optional(),
  file: z.looseObject({ src: text.nullable().optional(), content: optionalText }).optional(),
  graphql: z
    .looseObject({ query: optionalText, variables: z.union([text, z.record(z.string(), z.unknown())]).optional() })
    .optional(),
  disabled: flag,
});

export const authSchema = z.looseObject({ type: text });
const authField = z.union([authSchema, z.null()]).optional();

const eventSchema = z.looseObject({
  listen: text,
  disabled: flag,
  script: z.looseObject({ exec: z.union([text, z.array(text)]).optional(), type: optionalText }).optional(),
});
const eventField = z.array(eventSchema).optional();

const profileBehaviorField = z.looseObject({}).optional();

export const requestObjectSchema = z.looseObject({
  url: urlSchema.optional(),
  method: optionalText,
  header: headerField.optional(),
  body: z.union([bodySchema, z.null()]).optional(),
  auth: authField,
});

export const requestSchema = z.union([text, requestObjectSchema]);

const responseSchema = z.looseObject({
  originalRequest: requestSchema.optional(),
  header: z.union([z.array(headerSchema), text, z.null()]).optional(),
  body: text.nullable().optional(),
  code: z.number().optional(),
  status: optionalText,
});

const itemSchema = z.looseObject({
  id: optionalText,
  name: optionalText,
  request: requestSchema.optional(),
  response: z.array(responseSchema).optional(),
  event: eventField,
  variable: variableListField,
  protocolProfileBehavior: profileBehaviorField,
  // A node with an `item` key is a folder; this keeps the folder branch the only match.
  item: z.undefined().optional(),
});

type NodeSchema = z.ZodType<unknown>;

const itemGroupSchema: z.ZodType<unknown> = z.looseObject({
  id: optionalText,
  name: optionalText,
  item: z.array(z.lazy((): NodeSchema => nodeSchema)),
  auth: authField,
  event: eventField,
  variable: variableListField,
  protocolProfileBehavior: profileBehaviorField,
});

const nodeSchema: NodeSchema = z.union([itemGroupSchema, itemSchema]);

export const infoSchema = z.looseObject({
  name: text,
  schema: optionalText,
  _postman_id: optionalText,
});

export const collectionSchema = z.looseObject({
  info: infoSchema,
  item: z.array(nodeSchema),
  event: eventField,
  variable: variableListField,
  auth: authField,
  protocolProfileBehavior: profileBehaviorField,
});

export const variableListSchema = z.looseObject({
  id: optionalText,
  name: optionalText,
  values: z.array(variableSchema),
});
