/** What the request's scripts logged with console.*, in order, each line with its level. */
export function ConsoleLines({ lines }: { lines: { level: string; message: string }[] }) {
  return (
    <ol className="response-console" aria-label="Script console">
      {lines.map((line, i) => (
        <li key={i} className={`console-${line.level}`}>
          <span className="console-level">{line.level}</span> <code>{line.message}</code>
        </li>
      ))}
    </ol>
  );
}
