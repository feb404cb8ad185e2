import type { FormErrors } from './alert-forms.util';

export function FormErrorsBanner<F extends string>({ errors, what }: { errors: FormErrors<F>; what: string }) {
  if (errors.other.length > 0) {
    return (
      <div className="banner banner--error" role="alert">
        <p>{errors.other.join(' ')}</p>
      </div>
    );
  }
  if (Object.keys(errors.fields).length > 0) {
    return (
      <p className="banner banner--error" role="alert">
        The API did not accept the {what}; see the fields marked below.
      </p>
    );
  }
  return null;
}
