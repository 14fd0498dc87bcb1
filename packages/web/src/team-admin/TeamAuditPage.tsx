import { auditLog } from './api.ts';
import { AuditLogView } from './AuditLogView.tsx';
import { useTeamAdmin } from './TeamAdminLayout.tsx';

/** The team's audit log (P18): its membership, invitation, workspace and incident events. */
export function TeamAuditPage() {
  const { team } = useTeamAdmin();
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <p className="hint">
        Who changed what in {team.name}, newest first. Events are kept 400 days and cannot be edited or deleted. Members’
        sign-ins and devices are not shown here; an owner sees them only inside a security incident.
      </p>
      <AuditLogView base={auditLog.teamBase(team.slug)} label={`Audit log of ${team.name}`} />
    </section>
  );
}
