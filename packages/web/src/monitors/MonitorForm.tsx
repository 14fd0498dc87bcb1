import { useId, useMemo, useState } from 'react';
import { collections } from '../api/endpoints.ts';
import type { CollectionSummary } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { CheckboxField, Field, FieldErrorText, Form, SelectField, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { environmentApi } from '../environments/environment-api.ts';
import type { Monitor } from './api.ts';
import { monitorInputOf } from './form-values.ts';
import {
  browserTimeZone,
  cronToSchedule,
  describeCron,
  kindOf,
  SCHEDULE_CHOICES,
  scheduleToCron,
  timeZoneChoices,
  WEEKDAYS,
} from './schedule.ts';
import type { Schedule, ScheduleKind } from './schedule.ts';

/** Every collection of the workspace (the API pages them). */
async function allCollections(workspaceId: string): Promise<CollectionSummary[]> {
  const all: CollectionSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await collections.list(workspaceId, cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

interface MonitorFormProps {
  workspaceId: string;
  /** The monitor being edited; a new one without it. */
  initial?: Monitor;
  submitLabel: string;
  pendingLabel: string;
  onSubmit(input: ReturnType<typeof monitorInputOf>): Promise<void>;
}

/** Create or edit a monitor: what it runs, when, how, and whom it tells when a run fails. */
export function MonitorForm({ workspaceId, initial, submitLabel, pendingLabel, onSubmit }: MonitorFormProps) {
  const choices = useLoad(
    async () => ({ collections: await allCollections(workspaceId), environments: await environmentApi.listAll(workspaceId) }),
    `monitor-form:${workspaceId}`,
  );
  const { account } = useAuth();
  const [schedule, setSchedule] = useState<Schedule>(() => (initial ? cronToSchedule(initial.cron) : { kind: 'hourly' }));
  const [timezone, setTimezone] = useState(() => initial?.timezone ?? browserTimeZone());
  const zones = useMemo(() => timeZoneChoices(timezone), [timezone]);
  const cron = scheduleToCron(schedule);
  const preview = describeCron(cron);
  const previewId = useId();
  const options = initial?.options;
  const notifications = initial?.notifications;

  function choose(kind: ScheduleKind) {
    const time = schedule.kind === 'daily' || schedule.kind === 'weekly' ? schedule.time : '09:00';
    const next: Record<ScheduleKind, Schedule> = {
      every5: { kind: 'interval', minutes: 5 },
      every15: { kind: 'interval', minutes: 15 },
      every30: { kind: 'interval', minutes: 30 },
      hourly: { kind: 'hourly' },
      daily: { kind: 'daily', time },
      weekly: { kind: 'weekly', day: schedule.kind === 'weekly' ? schedule.day : 1, time },
      // Starts from the expression of the preset it replaces, to adjust rather than retype.
      custom: { kind: 'custom', cron },
    };
    setSchedule(next[kind]);
  }

  return (
    <Loading loaded={choices} what="the collections and environments">
      {({ collections: cols, environments }) =>
        cols.length === 0 ? (
          <p className="empty">This workspace has no collections yet. A monitor runs a collection: import or create one first.</p>
        ) : (
          <Form className="form monitor-form" submitLabel={submitLabel} pendingLabel={pendingLabel} onSubmit={(data) => onSubmit(monitorInputOf(data, cron))}>
            <Field name="name" label="Name" required maxLength={100} defaultValue={initial?.name ?? ''} />
            <SelectField name="collectionId" label="Collection" defaultValue={initial?.collectionId ?? cols[0]?.id}>
              {cols.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField name="environmentId" label="Environment (optional)" defaultValue={initial?.environmentId ?? ''}>
              <option value="">No environment</option>
              {environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </SelectField>

            <fieldset className="field monitor-fieldset">
              <legend>Schedule</legend>
              {/* The custom expression's field shows its own error. */}
              {schedule.kind !== 'custom' && <FieldErrorText name="cron" />}
              <div className="monitor-schedule">
                <div className="field">
                  <label htmlFor={`${previewId}-kind`}>Runs</label>
                  <select id={`${previewId}-kind`} value={kindOf(schedule)} onChange={(e) => choose(e.target.value as ScheduleKind)} aria-describedby={previewId}>
                    {SCHEDULE_CHOICES.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
                {schedule.kind === 'weekly' && (
                  <div className="field">
                    <label htmlFor={`${previewId}-day`}>Day</label>
                    <select id={`${previewId}-day`} value={schedule.day} onChange={(e) => setSchedule({ ...schedule, day: Number(e.target.value) })}>
                      {WEEKDAYS.map((day, i) => (
                        <option key={day} value={i}>
                          {day}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                {(schedule.kind === 'daily' || schedule.kind === 'weekly') && (
                  <div className="field">
                    <label htmlFor={`${previewId}-time`}>Time</label>
                    <input id={`${previewId}-time`} type="time" required value={schedule.time} onChange={(e) => setSchedule({ ...schedule, time: e.target.value })} />
                  </div>
                )}
                <SelectField name="timezone" label="Time zone" value={timezone} onChange={(e) => setTimezone(e.target.value)}>
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z.replaceAll('_', ' ')}
                    </option>
                  ))}
                </SelectField>
              </div>
              {schedule.kind === 'custom' && (
                <Field
                  name="cron"
                  label="Cron expression"
                  className="monitor-cron"
                  spellCheck={false}
                  autoComplete="off"
                  value={schedule.cron}
                  onChange={(e) => setSchedule({ kind: 'custom', cron: e.target.value })}
                  hint="Five fields: minute, hour, day of month, month, day of week. For example 0 9 * * 1-5 is 09:00 on weekdays."
                  localError={preview.ok ? undefined : preview.problem}
                />
              )}
              <p id={previewId} className="monitor-schedule-preview" aria-live="polite">
                {preview.ok ? (
                  <>
                    {preview.text}, {timezone.replaceAll('_', ' ')} time <code>{cron}</code>
                  </>
                ) : (
                  'Fix the expression to see when it runs.'
                )}
              </p>
            </fieldset>

            <fieldset className="field monitor-fieldset">
              <legend>Run options</legend>
              <CheckboxField name="options.followRedirects" label="Follow redirects" defaultChecked={options?.followRedirects ?? true} />
              <CheckboxField
                name="options.verifyTls"
                label="Verify TLS certificates"
                defaultChecked={options?.verifyTls ?? true}
                hint="Switch off only for servers with a self-signed certificate you trust."
              />
              <div className="monitor-numbers">
                <Field name="options.requestDelayMs" label="Delay between requests (ms)" type="number" min={0} max={60_000} defaultValue={options?.requestDelayMs ?? 0} />
                <Field
                  name="options.requestTimeoutMs"
                  label="Request timeout (ms)"
                  type="number"
                  min={1}
                  max={300_000}
                  defaultValue={options?.requestTimeoutMs ?? 30_000}
                />
                <Field
                  name="options.retries"
                  label="Retries"
                  type="number"
                  min={0}
                  max={3}
                  defaultValue={options?.retries ?? 0}
                  hint="Runs again up to this many times when a run fails or errors."
                />
              </div>
            </fieldset>

            <fieldset className="field monitor-fieldset">
              <legend>Notifications</legend>
              <CheckboxField name="notifications.onFailure" label="When a test fails" defaultChecked={notifications?.onFailure ?? true} />
              <CheckboxField name="notifications.onError" label="When a request or the run errors" defaultChecked={notifications?.onError ?? true} />
              <TextAreaField
                name="notifications.emails"
                label="Email to"
                rows={2}
                defaultValue={(notifications?.emails ?? (account ? [account.email] : [])).join('\n')}
                hint="One address per line. Each must belong to a member of the workspace’s team (or its owner)."
              />
              <Field
                name="notifications.webhookUrl"
                label="Webhook URL (optional)"
                type="url"
                maxLength={2000}
                placeholder="https://example.com/monitor-hook"
                defaultValue={notifications?.webhookUrl ?? ''}
              />
              <Field
                name="notifications.repeatLimit"
                label="Notifications per failing streak"
                type="number"
                min={1}
                max={10}
                defaultValue={notifications?.repeatLimit ?? 3}
                hint="After this many, Postern stays quiet until a run passes again."
              />
            </fieldset>

            <CheckboxField name="enabled" label="Run on schedule" defaultChecked={initial?.enabled ?? true} hint="Switched off, the monitor only runs when you press Run now." />
          </Form>
        )
      }
    </Loading>
  );
}
