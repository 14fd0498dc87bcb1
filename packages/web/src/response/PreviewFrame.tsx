import { useEffect, useRef } from 'react';

/**
 * Served by the server (packages/server/src/modules/home/preview-frame.ts) with a CSP of its own:
 * the app's CSP would block inline script and style, and srcdoc/blob: frames inherit it.
 */
const PREVIEW_FRAME_URL = '/preview-frame.html';
/** The message type that page accepts; keep in step with PREVIEW_MESSAGE there. */
const PREVIEW_MESSAGE = 'postern-preview';

/**
 * Shows untrusted HTML (a response page, pm.visualizer output) in a sandboxed frame: scripts may
 * run, but without allow-same-origin the frame has an opaque origin, so no cookies, no storage and
 * no API calls as the person. The HTML is posted once the frame's own page has loaded; a later load
 * means the preview navigated itself elsewhere, and that page is never sent anything.
 */
export function PreviewFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const shown = useRef(html);
  const posted = useRef(false);

  useEffect(() => {
    if (shown.current === html) return;
    // New HTML: the frame dropped its listener when it wrote the old one, so load it afresh.
    shown.current = html;
    posted.current = false;
    if (frame.current) frame.current.src = PREVIEW_FRAME_URL;
  }, [html]);

  const onLoad = () => {
    if (posted.current) return;
    posted.current = true;
    // The frame's origin is opaque ("null"), so no target origin can be named; the frame is our
    // own page at this point (first load after src was set).
    frame.current?.contentWindow?.postMessage({ type: PREVIEW_MESSAGE, html: shown.current }, '*');
  };

  return (
    <iframe
      ref={frame}
      src={PREVIEW_FRAME_URL}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      title={title}
      className="response-preview-frame"
      onLoad={onLoad}
    />
  );
}
