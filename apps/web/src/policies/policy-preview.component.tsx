import { useEffect, useState } from 'react';
import { ApiError, UnauthorizedError } from '../api/api-client';
import { previewPolicy } from '../api/dashboard-api';
import type { PolicyPreview } from '../api/policy-state-types';
import { useSession } from '../auth/session.context';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { errorInWords, formatValueWords, requirementWords } from './policy-words.util';

const DEBOUNCE_MS = 400;
const SHOWN_INSTANCES = 6;

const STATE_WORDS = { ok: 'Would be met', breaching: 'Would be breached', no_data: 'No verdict: too few parcels' } as const;

const scopeName = (scope: { carrier: string | null; corridor: string | null; serviceLevel: string | null }) =>
  [scope.carrier ?? 'all carriers', scope.corridor ?? 'all lanes', scope.serviceLevel].filter(Boolean).join(' · ');

type PolicyPreviewProps = { body: Record<string, unknown> | null; metric: string; op: string; threshold: number | null; minSample: number };

// What the draft would say now, asked of the API a moment after each change; nothing is saved.
export function PolicyPreviewPanel({ body, metric, op, threshold, minSample }: PolicyPreviewProps) {
  const { token, onUnauthorized } = useSession();
  const [preview, setPreview] = useState<PolicyPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = body === null ? null : JSON.stringify(body);

  useEffect(() => {
    if (key === null) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewPolicy({ token, signal: controller.signal, body: JSON.parse(key) as Record<string, unknown> })
        .then((result) => {
          setPreview(result);
          setError(null);
        })
        .catch((reason: unknown) => {
          if (controller.signal.aborted) return;
          if (reason instanceof UnauthorizedError) return onUnauthorized();
          setError(reason instanceof ApiError && reason.reasons.length > 0 ? reason.reasons.map(errorInWords).join(' ') : 'The preview is not available.');
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, token, onUnauthorized]);

  return (
    <section className="policy-preview" aria-labelledby="policy-preview-heading" aria-live="polite" data-testid="policy-preview">
      <h3 id="policy-preview-heading">If it were evaluated now</h3>
      {key === null ? (
        <p className="panel__note">Complete the fields marked above to see the value and verdict.</p>
      ) : error !== null ? (
        <p className="field__error">{error}</p>
      ) : preview === null ? (
        <p className="panel__note">Measuring…</p>
      ) : (
        <>
          <p className={`policy-preview__verdict policy-state policy-state--${preview.state}`} data-testid="preview-verdict">
            <strong>{STATE_WORDS[preview.state]}</strong>: {formatValueWords(preview.value, metric)} on {preview.sample.toLocaleString('en')} parcels
            {threshold === null ? null : <> (target {requirementWords({ metric, op, threshold })}, verdict from {minSample} parcels)</>}
            {preview.scopes > 1 && preview.worst !== null ? <>; worst of {preview.scopes}: {scopeName(preview.worst)}</> : null}
          </p>
          {preview.scopes > 1 ? (
            <ul className="policy-preview__instances">
              {[...preview.instances]
                .sort((a, b) => Number(b.verdict === 'violates') - Number(a.verdict === 'violates'))
                .slice(0, SHOWN_INSTANCES)
                .map((instance) => (
                  <li key={scopeName(instance)}>
                    {scopeName(instance)}: {formatValueWords(instance.value, metric)} on {instance.sample} —{' '}
                    {instance.verdict === 'violates' ? 'breached' : instance.verdict === 'complies' ? 'met' : 'too few parcels'}
                  </li>
                ))}
            </ul>
          ) : null}
          <p className="panel__note">
            Window {formatUtcInstant(preview.windowFrom)} → {formatUtcInstant(preview.windowTo)}.
          </p>
        </>
      )}
    </section>
  );
}
