import { useEffect, useRef, useState } from 'react';
import { bodyBytes } from './format.ts';

/**
 * An image body shown from a blob: URL (the app's CSP allows blob: images). The URL is made in an
 * effect and revoked when the body changes or the preview goes, so no image stays in memory.
 */
export function ImagePreview({ body, encoding, mediaType }: { body: string; encoding: 'utf8' | 'base64'; mediaType: string }) {
  const image = useRef<HTMLImageElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const bytes = bodyBytes(body, encoding);
    const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
    if (image.current) image.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [body, encoding, mediaType]);

  return (
    <div className="response-image">
      {failed && <p role="alert">This image could not be shown: it may be damaged or in a format the browser does not know.</p>}
      <img ref={image} alt={`The response body, an image (${mediaType})`} onError={() => setFailed(true)} onLoad={() => setFailed(false)} hidden={failed} />
    </div>
  );
}
