/** Colour on or off, decided once per reporter from the option, NO_COLOR/FORCE_COLOR and the stream. */
import pc from 'picocolors';
import { isTty } from './options.ts';
import type { ColorMode } from './options.ts';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorEnabled(mode: ColorMode | undefined, stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (mode === 'on') return true;
  if (mode === 'off') return false;
  // https://no-color.org: any non-empty value disables colour.
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTty(stream);
}

export function colorsFor(mode: ColorMode | undefined, stream: NodeJS.WritableStream, env?: NodeJS.ProcessEnv): Colors {
  return pc.createColors(colorEnabled(mode, stream, env));
}
