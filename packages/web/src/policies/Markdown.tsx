import ReactMarkdown, { type Components } from 'react-markdown';

/** A policy's own `#` headings sit under the page's h1 (the policy's title), one level down. */
const SHIFTED_HEADINGS: Components = {
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
};

/**
 * Policy text (Markdown) as React elements. react-markdown builds elements, never HTML: raw HTML
 * in the text is shown as text, so what the server stores cannot inject markup or script.
 */
export function Markdown({ text }: { text: string }) {
  return <ReactMarkdown components={SHIFTED_HEADINGS}>{text}</ReactMarkdown>;
}
