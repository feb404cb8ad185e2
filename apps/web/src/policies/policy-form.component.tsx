import { type FormEvent, useState } from 'react';
import { ApiError, UnauthorizedError } from '../api/api-client';
import { savePolicy } from '../api/dashboard-api';
import { SLA_METRICS, SLA_SEVERITIES, type SlaPolicy } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { PolicyField } from './policy-field.component';
import { bodyFromDraft, draftFromPolicy, errorsByField, type FieldErrors, type PolicyDraft } from './policy-form.util';
import { PolicyPreviewPanel } from './policy-preview.component';
import { METRIC_WORDS, metricScopes, metricUnitOf, OP_WORDS } from './policy-words.util';
import { useScopeOptions } from './use-scope-options.hook';

type PolicyFormProps = { policy: SlaPolicy | null; onSaved: (policy: SlaPolicy) => void; onCancel: () => void };

const NO_ERRORS: FieldErrors = { fields: {}, other: [] };
const UNIT_HINT = { rate: 'A percentage, such as 95%.', days: 'In days, such as 5.', hours: 'In hours, such as 48.' } as const;
const SEVERITY_WORDS = { critical: 'Critical: page someone', major: 'Major: tell the team', minor: 'Minor: note it' } as const;

type Option = { value: string; label: string };

export function PolicyForm({ policy, onSaved, onCancel }: PolicyFormProps) {
  const { token, onUnauthorized } = useSession();
  const options = useScopeOptions();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftFromPolicy(policy));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // A field's message goes once it is changed: it no longer describes what is there.
    setErrors((current) => (current.fields[key] === undefined ? current : { ...current, fields: { ...current.fields, [key]: undefined } }));
  };
  const checked = bodyFromDraft(draft, policy);
  const scopes = metricScopes(draft.metric);
  const unit = metricUnitOf(draft.metric);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (Object.keys(checked.errors.fields).length > 0) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onSaved(await savePolicy({ token, id: policy?.id ?? null, body: checked.body }));
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

  const text = (key: 'name' | 'threshold' | 'windowDays' | 'minSample' | 'serviceLevel', label: string, hint?: string, className?: string) => (
    <PolicyField label={label} hint={hint} errors={errors.fields[key]}>
      {(props) => <input {...props} className={className} name={key} value={draft[key]} onChange={(event) => set(key, event.target.value)} />}
    </PolicyField>
  );
  const choice = (key: 'metric' | 'op' | 'severity' | 'carrier' | 'corridor', label: string, choices: readonly Option[], hint?: string, disabled = false) => (
    <PolicyField label={label} hint={hint} errors={errors.fields[key]}>
      {(props) => (
        <select {...props} name={key} value={disabled ? '' : draft[key]} disabled={disabled} onChange={(event) => set(key, event.target.value)}>
          {choices.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </PolicyField>
  );

  // A stored value the pickers do not know (a carrier removed since, a lane not seen lately) stays choosable.
  const keep = (value: string, known: readonly string[]) => (value !== '' && value !== '*' && !known.includes(value) ? [{ value, label: `${value} (not seen lately)` }] : []);
  const carrierChoices: Option[] = [
    { value: '', label: 'All carriers together' },
    { value: '*', label: 'Each carrier separately' },
    ...options.carriers.map((carrier) => ({ value: carrier.code, label: carrier.name === carrier.code ? carrier.code : `${carrier.name} (${carrier.code})` })),
    ...keep(draft.carrier, options.carriers.map((carrier) => carrier.code)),
  ];
  const laneChoices: Option[] = [
    { value: '', label: 'All lanes together' },
    { value: '*', label: 'Each lane separately' },
    ...options.corridors.map((corridor) => ({ value: corridor, label: corridor.replace('-', ' → ') })),
    ...keep(draft.corridor, options.corridors),
  ];
  const threshold = typeof checked.body.threshold === 'number' ? checked.body.threshold : null;
  // The preview needs no name; it waits until every other field reads as a value.
  const previewBody = Object.keys(checked.errors.fields).some((key) => key !== 'name')
    ? null
    : Object.fromEntries(Object.entries(checked.body).filter(([key]) => key !== 'name'));

  return (
    <form className="panel policy-form" onSubmit={(event) => void submit(event)} aria-labelledby="policy-form-heading" noValidate>
      <h2 id="policy-form-heading">{policy === null ? 'New policy' : `Edit “${policy.name}”`}</h2>
      {errors.other.length > 0 ? (
        <div className="banner banner--error" role="alert">
          <p>{errors.other.join(' ')}</p>
        </div>
      ) : Object.values(errors.fields).some((messages) => messages !== undefined && messages.length > 0) ? (
        <p className="banner banner--error" role="alert">
          The policy was not saved; see the fields marked below.
        </p>
      ) : null}
      <p className="policy-form__sentence" data-testid="policy-sentence">
        {METRIC_WORDS[draft.metric as keyof typeof METRIC_WORDS] ?? draft.metric} must be {OP_WORDS[draft.op as keyof typeof OP_WORDS] ?? draft.op} {draft.threshold || '…'}
        {unit === 'rate' ? '' : ` ${unit}`} over {draft.windowDays || '…'} days.
      </p>
      <div className="policy-form__grid">
        {text('name', 'Name', undefined, 'input--wide')}
        {choice('metric', 'Metric', SLA_METRICS.map((metric) => ({ value: metric, label: METRIC_WORDS[metric as keyof typeof METRIC_WORDS] ?? metric })))}
        {choice('op', 'Must be', [
          { value: 'gte', label: 'at least' },
          { value: 'lte', label: 'at most' },
        ])}
        {text('threshold', unit === 'rate' ? 'Target (%)' : `Target (${unit})`, UNIT_HINT[unit])}
        {choice('carrier', 'Carrier', carrierChoices, options.loading ? 'Loading the registered carriers…' : undefined, !scopes.includes('carrier'))}
        {choice('corridor', 'Lane', laneChoices, scopes.includes('corridor') ? 'Origin → destination country.' : 'Feed metrics are measured per carrier, not per lane.', !scopes.includes('corridor'))}
        {text('serviceLevel', 'Service level', 'A value, * for each, or empty for all.')}
        {text('windowDays', 'Window (days)', 'Each evaluation looks back this many days (1–90).')}
        {text('minSample', 'Minimum sample (parcels)', 'Below it no verdict is given.')}
        {choice('severity', 'Severity', SLA_SEVERITIES.map((severity) => ({ value: severity, label: SEVERITY_WORDS[severity] })))}
        <div className="field field--checkbox">
          <label>
            <input type="checkbox" name="enabled" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} /> Enabled
          </label>
          {errors.fields.enabled ? <p className="field__error">{errors.fields.enabled.join(' ')}</p> : null}
        </div>
      </div>
      <PolicyPreviewPanel body={previewBody} metric={draft.metric} op={draft.op} threshold={threshold} minSample={Number(checked.body.minSample ?? 20)} />
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
