/** Adapts a CollectionMock to the HTTP handler, labelling each answer with the example served. */
import type { MockResolver } from '../http.ts';
import type { CollectionMock } from './match.ts';

export function collectionResolver(mock: CollectionMock): MockResolver {
  return (request) => {
    const result = mock.match(request);
    return result.matched ? { response: result.response, label: result.example.name } : { response: result.response, label: 'no match' };
  };
}
