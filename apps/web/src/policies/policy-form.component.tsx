import { type FormEvent, useState } from 'react';
import { ApiError, UnauthorizedError } from '../api/api-client';
import { savePolicy } from '../api/dashboard-api';
import { SLA_METRICS, SLA_OPS, SLA_SEVERITIES, type SlaPolicy } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { PolicyField } from './policy-field.component';
import { bodyFromDraft, draftFromPolicy, errorsByField, type FieldErrors, type PolicyDraft } from './policy-form.util';

type PolicyFormProps = { policy: SlaPolicy | null; onSaved: (policy: SlaPolicy) => void; onCancel: () => void };

const NO_ERRORS: FieldErrors = { fields: {}, other: [] };

export function PolicyForm({ policy, onSaved, onCancel }: PolicyFormProps) {
  const { token, onUnauthorized } = useSession();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftFromPolicy(policy));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onSaved(await savePolicy({ token, id: policy?.id ?? null, body: bodyFromDraft(draft, policy) }));
    } catch (reason) {
      if (reason instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      const reasons = reason instanceof ApiError ? reason.reasons : [];
      setErrors(reasons.length > 0 ? errorsByField(reasons) : { fields: {}, other: [reason instanceof Error ? reason.message : 'Could not save'] });
      setBusy(false);
    }
  }

  const text = (key: Exclude<keyof PolicyDraft, 'enabled'>, label: string, hint?: string) => (
    <PolicyField label={label} hint={hint} errors={errors.fields[key]}>
      {(props) => <input {...props} name={key} value={draft[key]} onChange={(event) => set(key, event.target.value)} />}
    </PolicyField>
  );
  const choice = (key: 'metric' | 'op' | 'severity', label: string, options: readonly string[]) => (
    <PolicyField label={label} errors={errors.fields[key]}>
      {(props) => (
        <select {...props} name={key} value={draft[key]} onChange={(event) => set(key, event.target.value)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
    </PolicyField>
  );

  return (
    <form className="panel policy-form" onSubmit={(event) => void submit(event)} aria-labelledby="policy-form-heading" noValidate>
      <h2 id="policy-form-heading">{policy === null ? 'New policy' : `Edit “${policy.name}”`}</h2>
      {errors.other.length > 0 ? (
        <div className="banner banner--error" role="alert">
          <p>{errors.other.join(' ')}</p>
        </div>
      ) : Object.keys(errors.fields).length > 0 ? (
        <p className="banner banner--error" role="alert">
          The API did not accept the policy; see the fields marked below.
        </p>
      ) : null}
      <div className="policy-form__grid">
        {text('name', 'Name')}
        {choice('metric', 'Metric', SLA_METRICS)}
        {choice('op', 'Must stay', SLA_OPS)}
        {text('threshold', 'Threshold', 'Rates from 0 to 1 (0.9 = 90 %); days or hours otherwise.')}
        {text('windowDays', 'Window (days)', '1–90 days before each evaluation.')}
        {text('minSample', 'Minimum sample', 'Below it no verdict is given.')}
        {text('carrier', 'Carrier', 'A code, * for each carrier, empty for all together.')}
        {text('corridor', 'Corridor', 'e.g. CN-BR, * or empty.')}
        {text('serviceLevel', 'Service level', 'A value, * or empty.')}
        {choice('severity', 'Severity', SLA_SEVERITIES)}
        <div className="field field--checkbox">
          <label>
            <input type="checkbox" name="enabled" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} /> Enabled
          </label>
          {errors.fields.enabled ? <p className="field__error">{errors.fields.enabled.join(' ')}</p> : null}
        </div>
      </div>
      <div className="toolbar">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : policy === null ? 'Create policy' : 'Save policy'}
        </button>
        <button type="button" className="button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
