/**
 * The parts of a HAR 1.2 file the importer reads, as a zod schema. Lenient where browsers differ
 * (Firefox omits `cookies`, some tools omit `headers`), strict where a request cannot be built.
 */
import { z } from 'zod';

const nameValue = z.object({ name: z.string(), value: z.string() });

const postDataSchema = z.object({
  mimeType: z.string().optional(),
  text: z.string().optional(),
  params: z.array(z.object({ name: z.string(), value: z.string().optional(), fileName: z.string().optional(), contentType: z.string().optional() })).optional(),
});

const contentSchema = z.object({
  mimeType: z.string().optional(),
  text: z.string().optional(),
  encoding: z.string().optional(),
});

export const harSchema = z.object({
  log: z.object({
    version: z.string().optional(),
    entries: z.array(
      z.object({
        startedDateTime: z.string().optional(),
        request: z.object({
          method: z.string().min(1),
          url: z.string().min(1),
          headers: z.array(nameValue).optional(),
          cookies: z.array(nameValue).optional(),
          postData: postDataSchema.optional(),
        }),
        response: z
          .object({
            status: z.number(),
            statusText: z.string().optional(),
            headers: z.array(nameValue).optional(),
            content: contentSchema.optional(),
          })
          .optional(),
      }),
    ),
  }),
});

export type Har = z.infer<typeof harSchema>;
export type HarEntry = Har['log']['entries'][number];
export type HarRequest = HarEntry['request'];
export type HarResponse = NonNullable<HarEntry['response']>;
export type HarPostData = NonNullable<HarRequest['postData']>;
