import { collections } from '../api/endpoints.ts';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { methodOfItem, urlOfItem, variableParts } from './request-url.ts';
import { MethodBadge } from './RequestTree.tsx';

/**
 * What a request tab shows until the request editor exists: the stored request's method and URL,
 * with its `{{variable}}` references marked. The editor (params, headers, body, send) replaces it.
 */
export function RequestEditorPlaceholder({ collectionId, itemId }: { collectionId: string; itemId: string }) {
  const loaded = useLoad(() => collections.item(collectionId, itemId), `${collectionId}:${itemId}`);
  return (
    <Loading loaded={loaded} what="the request">
      {({ item }) => {
        const url = urlOfItem(item);
        return (
          <>
            <p className="request-line">
              <MethodBadge method={methodOfItem(item)} />{' '}
              <code className="request-url" aria-label="URL">
                {url
                  ? variableParts(url).map((part, i) =>
                      part.variable ? (
                        <mark key={i} className="variable" title="A variable, filled in from the environment">
                          {part.text}
                        </mark>
                      ) : (
                        <span key={i}>{part.text}</span>
                      ),
                    )
                  : 'No URL yet'}
              </code>
            </p>
            <p className="muted">The request editor comes next: for now a tab shows the request’s method and URL.</p>
          </>
        );
      }}
    </Loading>
  );
}
