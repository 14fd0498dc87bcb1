import { Link, useParams } from 'react-router';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { Markdown } from './Markdown.tsx';
import { POLICY_LABELS, isPolicyKind, policies } from './policy-api.ts';
import type { PolicyKind, PolicyVersion } from './policy-api.ts';

export const formatDay = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'long' }) : '');

/**
 * A policy (P28): /policies/:kind shows the version in effect, /policies/:kind/v/:version any
 * published one, at an address that never changes. Readable without signing in.
 */
export function PolicyPage() {
  const { kind, version } = useParams();
  const number = version === undefined ? undefined : Number(version);
  if (!isPolicyKind(kind) || (number !== undefined && !(Number.isInteger(number) && number >= 1))) return <NotFoundPage />;
  return <PolicyDocument kind={kind} version={number} />;
}

function PolicyDocument({ kind, version }: { kind: PolicyKind; version: number | undefined }) {
  const loaded = useLoad(() => (version === undefined ? policies.current(kind) : policies.version(kind, version)), `${kind}/${version ?? 'current'}`);
  useTitle(version === undefined ? POLICY_LABELS[kind] : `${POLICY_LABELS[kind]}, version ${version}`);
  return (
    <article className="policy">
      <Loading loaded={loaded} what={POLICY_LABELS[kind].toLowerCase()}>
        {(policy) => <PolicyBody policy={policy} pinned={version !== undefined} />}
      </Loading>
    </article>
  );
}

function PolicyBody({ policy, pinned }: { policy: PolicyVersion; pinned: boolean }) {
  const future = policy.effectiveAt !== null && new Date(policy.effectiveAt).getTime() > Date.now();
  return (
    <>
      <h1>{policy.title}</h1>
      <p className="muted">
        Version {policy.version} · {future ? 'takes effect' : 'in effect since'} {formatDay(policy.effectiveAt)}
        {policy.publishedAt === null && ' · draft, not published'}
        {' · '}
        <Link to={`/policies/${policy.kind}/archive`}>All versions</Link>
        {!pinned && (
          <>
            {' · '}
            <Link to={policy.path}>Permanent link to this version</Link>
          </>
        )}
      </p>
      {policy.keyChanges.length > 0 && policy.version > 1 && (
        <section aria-labelledby="key-changes" className="key-changes">
          <h2 id="key-changes">What changed in this version</h2>
          <ul>
            {policy.keyChanges.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </section>
      )}
      <Markdown text={policy.body} />
    </>
  );
}

/** Every published version of a policy, with effective dates and key changes (P28). */
export function PolicyArchivePage() {
  const { kind } = useParams();
  if (!isPolicyKind(kind)) return <NotFoundPage />;
  return <PolicyArchive kind={kind} />;
}

function PolicyArchive({ kind }: { kind: PolicyKind }) {
  useTitle(`${POLICY_LABELS[kind]}: all versions`);
  const loaded = useLoad(() => policies.archive(kind), kind);
  return (
    <section>
      <h1>{POLICY_LABELS[kind]}: all versions</h1>
      <p>
        Every version stays readable at its own address. <Link to={`/policies/${kind}`}>Read the version in effect</Link>.
      </p>
      <Loading loaded={loaded} what="versions">
        {({ versions }) => (
          <ol className="policy-archive" reversed aria-label="Versions, newest first">
            {versions.map((v) => (
              <li key={v.version}>
                <h2>
                  <Link to={v.path}>Version {v.version}</Link>
                </h2>
                <p className="muted">
                  {v.effectiveAt && new Date(v.effectiveAt).getTime() > Date.now() ? 'Takes effect' : 'Effective'} {formatDay(v.effectiveAt)}
                  {v.significant && ' · significant change'}
                </p>
                {v.keyChanges.length > 0 && (
                  <ul>
                    {v.keyChanges.map((change) => (
                      <li key={change}>{change}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </Loading>
    </section>
  );
}
