import { ApiError } from '../api/api-errors';
import { errorsForFields, type FormErrors } from './alert-forms.util';

// A 400's sentences go to their fields; anything else (network, 500) is one message above the form.
export function submitErrors<F extends string>({
  reason,
  fields,
  aliases,
}: {
  reason: unknown;
  fields: readonly F[];
  aliases?: Record<string, F>;
}): FormErrors<F> {
  const reasons = reason instanceof ApiError ? reason.reasons : [];
  if (reasons.length > 0) {
    return errorsForFields({ errors: reasons, fields, aliases });
  }
  return { fields: {}, other: [reason instanceof Error ? reason.message : 'Could not save'] };
}
