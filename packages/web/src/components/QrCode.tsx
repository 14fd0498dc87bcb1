import { useEffect, useState } from 'react';

/**
 * A QR code of `text`, drawn in the browser (the `qrcode` library, loaded only when a page needs it)
 * into a PNG data URL: no request leaves the page and no inline script is needed (the CSP allows
 * data: images). The text itself is shown beside it by the caller, for people who cannot scan.
 */
export function QrCode({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    setSrc(null);
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 220 }))
      .then(
        (url) => {
          if (current) setSrc(url);
        },
        () => {
          if (current) setFailed(true);
        },
      );
    return () => {
      current = false;
    };
  }, [text]);

  if (failed) return <p className="muted">The QR code could not be drawn; type the key below into your app instead.</p>;
  if (!src) return <p className="page-status">Drawing the QR code…</p>;
  return <img className="qr-code" src={src} alt={alt} width={220} height={220} />;
}
