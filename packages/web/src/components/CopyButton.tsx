import { useState } from 'react';

/**
 * Copies `text` to the clipboard and says so. Where the clipboard is refused (an insecure origin,
 * a denied permission) it asks the person to copy by hand from the text shown beside it.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [result, setResult] = useState<string>('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult('Copied.');
    } catch {
      setResult('This browser did not allow copying: select the text and copy it yourself.');
    }
  }

  return (
    <>
      <button type="button" className="secondary" onClick={() => void copy()}>
        {label}
      </button>{' '}
      <span className="success" role="status">
        {result}
      </span>
    </>
  );
}
