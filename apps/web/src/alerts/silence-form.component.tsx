import { type FormEvent, useState } from 'react';
import { UnauthorizedError } from '../api/api-client';
import { createSilence } from '../api/dashboard-api';
import { SLA_SEVERITIES } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { PolicyField } from '../policies/policy-field.component';
import { emptySilenceDraft, type FormErrors, silenceBody, type SilenceDraft } from './alert-forms.util';
import { FormErrorsBanner } from './form-errors-banner.component';
import { submitErrors } from './submit-errors.util';

type SilenceField = keyof SilenceDraft;
const FIELDS: readonly SilenceField[] = ['from', 'to', 'carrier', 'corridor', 'severity', 'reason'];
const NO_ERRORS: FormErrors<SilenceField> = { fields: {}, other: [] };

type SilenceFormProps = { nowMs: number; onCreated: () => void; onCancel: () => void };

export function SilenceForm({ nowMs, onCreated, onCancel }: SilenceFormProps) {
  const { token, onUnauthorized } = useSession();
  const [draft, setDraft] = useState<SilenceDraft>(() => emptySilenceDraft(nowMs));
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (key: SilenceField, value: string) => setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await createSilence({ token, body: silenceBody(draft) });
      onCreated();
    } catch (reason) {
      if (reason instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      setErrors(submitErrors({ reason, fields: FIELDS }));
      setBusy(false);
    }
  }

  const input = (key: SilenceField, label: string, type: 'text' | 'datetime-local', hint?: string) => (
    <PolicyField label={label} hint={hint} errors={errors.fields[key]}>
      {(props) => <input {...props} type={type} name={key} value={draft[key]} onChange={(event) => set(key, event.target.value)} />}
    </PolicyField>
  );

  return (
    <form className="panel policy-form" onSubmit={(event) => void submit(event)} aria-labelledby="silence-form-heading" noValidate>
      <h2 id="silence-form-heading">New silence</h2>
      <FormErrorsBanner errors={errors} what="silence" />
      <div className="policy-form__grid">
        {input('from', 'From (UTC)', 'datetime-local')}
        {input('to', 'To (UTC)', 'datetime-local')}
        {input('carrier', 'Carrier', 'text', 'A carrier code; empty for every carrier.')}
        {input('corridor', 'Corridor', 'text', 'e.g. CN-BR; empty for every corridor.')}
        <PolicyField label="Severity" errors={errors.fields.severity}>
          {(props) => (
            <select {...props} name="severity" value={draft.severity} onChange={(event) => set('severity', event.target.value)}>
              <option value="">every severity</option>
              {SLA_SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {severity}
                </option>
              ))}
            </select>
          )}
        </PolicyField>
        {input('reason', 'Reason', 'text', 'Why alerts are muted, e.g. a planned carrier outage.')}
      </div>
      <div className="toolbar">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create silence'}
        </button>
        <button type="button" className="button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
