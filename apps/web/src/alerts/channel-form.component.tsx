import { type FormEvent, useState } from 'react';
import { UnauthorizedError } from '../api/api-client';
import type { CreatedChannel } from '../api/alert-types';
import { createChannel } from '../api/dashboard-api';
import { SLA_SEVERITIES } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { PolicyField } from '../policies/policy-field.component';
import { type ChannelDraft, channelBody, EMPTY_CHANNEL_DRAFT, type FormErrors } from './alert-forms.util';
import { FormErrorsBanner } from './form-errors-banner.component';
import { submitErrors } from './submit-errors.util';

type ChannelField = 'name' | 'kind' | 'target' | 'severities' | 'carriers' | 'corridors';
const FIELDS: readonly ChannelField[] = ['name', 'kind', 'target', 'severities', 'carriers', 'corridors'];
const NO_ERRORS: FormErrors<ChannelField> = { fields: {}, other: [] };

type ChannelFormProps = { onCreated: (created: CreatedChannel) => void; onCancel: () => void };

export function ChannelForm({ onCreated, onCancel }: ChannelFormProps) {
  const { token, onUnauthorized } = useSession();
  const [draft, setDraft] = useState<ChannelDraft>(EMPTY_CHANNEL_DRAFT);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ChannelDraft>(key: K, value: ChannelDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onCreated(await createChannel({ token, body: channelBody(draft) }));
    } catch (reason) {
      if (reason instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      setErrors(submitErrors({ reason, fields: FIELDS, aliases: { url: 'target', address: 'target' } }));
      setBusy(false);
    }
  }

  const text = (key: 'name' | 'target' | 'carriers' | 'corridors', label: string, hint?: string) => (
    <PolicyField label={label} hint={hint} errors={errors.fields[key]}>
      {(props) => <input {...props} name={key} value={draft[key]} onChange={(event) => set(key, event.target.value)} />}
    </PolicyField>
  );
  const toggleSeverity = (severity: string, on: boolean) =>
    set('severities', on ? [...draft.severities, severity] : draft.severities.filter((value) => value !== severity));

  return (
    <form className="panel policy-form" onSubmit={(event) => void submit(event)} aria-labelledby="channel-form-heading" noValidate>
      <h2 id="channel-form-heading">New notification channel</h2>
      <FormErrorsBanner errors={errors} what="channel" />
      <div className="policy-form__grid">
        {text('name', 'Name')}
        <PolicyField label="Kind" errors={errors.fields.kind}>
          {(props) => (
            <select {...props} name="kind" value={draft.kind} onChange={(event) => set('kind', event.target.value as ChannelDraft['kind'])}>
              <option value="webhook">webhook</option>
              <option value="email">email</option>
            </select>
          )}
        </PolicyField>
        {draft.kind === 'webhook' ? text('target', 'Webhook URL', 'http:// or https://') : text('target', 'E-mail address')}
        {text('carriers', 'Carriers', 'Codes separated by commas; empty for every carrier.')}
        {text('corridors', 'Corridors', 'e.g. CN-BR, US-DE; empty for every corridor.')}
        <fieldset className="field">
          <legend>Severities</legend>
          {SLA_SEVERITIES.map((severity) => (
            <label key={severity} className="field--checkbox">
              <input
                type="checkbox"
                name="severities"
                value={severity}
                checked={draft.severities.includes(severity)}
                onChange={(event) => toggleSeverity(severity, event.target.checked)}
              />{' '}
              {severity}
            </label>
          ))}
          <p className="panel__note">None ticked: every severity.</p>
          {errors.fields.severities ? (
            <p className="field__error" data-field-error>
              {errors.fields.severities.join(' ')}
            </p>
          ) : null}
        </fieldset>
      </div>
      <div className="toolbar">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create channel'}
        </button>
        <button type="button" className="button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
