/**
 * pm.visualizer output (issue #5): the Handlebars template a test script set, rendered with its
 * data into a page for the web app's sandboxed preview frame, which alone runs it (opaque origin,
 * its own CSP). Templates get the data the way Postman's do: as the template context, and from
 * `pm.getData(callback)` in the page's own scripts.
 */
import Handlebars from 'handlebars';

/** A template beyond this is not rendered (it is collection content, but the render runs here). */
export const MAX_TEMPLATE_CHARS = 1024 * 1024;

export type VisualizerOutcome = { html: string } | { error: string };

export function renderVisualizer(template: string, data: unknown): VisualizerOutcome {
  if (template.length > MAX_TEMPLATE_CHARS) {
    return { error: `the pm.visualizer template is larger than ${MAX_TEMPLATE_CHARS / 1024} KiB and was not shown` };
  }
  try {
    // A fresh environment per render, so no helper or partial a template registers outlives it.
    const render = Handlebars.create().compile(template);
    // Handlebars refuses prototype properties and methods by default (its fix for template injection).
    const body = render(data ?? {});
    return { html: prelude(data) + body };
  } catch (error) {
    return { error: `the pm.visualizer template could not be rendered: ${(error as Error).message}` };
  }
}

function prelude(data: unknown): string {
  return `<script>window.pm={getData:function(cb){setTimeout(function(){cb(null,${jsonForScript(data ?? null)})},0)}};</script>`;
}

/** JSON safe inside a <script> element: nothing in it can close the element or start a comment. */
function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
