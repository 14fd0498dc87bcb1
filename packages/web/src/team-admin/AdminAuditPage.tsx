import { useTitle } from '../components/use-title.ts';
import { auditLog } from './api.ts';
import { AuditLogView } from './AuditLogView.tsx';

/** The whole instance's audit log, for the operator (P18). */
export function AdminAuditPage() {
  useTitle('Audit log');
  return (
    <>
      <h1>Audit log</h1>
      <p className="hint">Every recorded event on this instance, newest first. Events are kept 400 days and cannot be edited or deleted.</p>
      <AuditLogView base={auditLog.operatorBase} label="Audit log of the instance" />
    </>
  );
}
