import { z } from 'zod';
import type { ParseResult } from './registration';
import { CARRIER_CODE_PATTERN } from './event-validation';
import { storageProblems } from './storable-text';
import { MINUTE_MS } from './time-units';

/** admin changes things; viewer reads everything; carrier reads only the one carrier it is bound to (contracts.md §3). */
export const USER_ROLES = ['admin', 'viewer', 'carrier'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;
const NAME_MAX_LENGTH = 200;

// Deliberately loose: the address is an identifier here, nothing is ever sent to it.
// Labels separated by single dots: no two parts of the pattern can match the same characters, so a
// hostile value is rejected in linear time (the former `[^\s@]+\.[^\s@]+` backtracked quadratically).
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Emails are compared case-insensitively by storing them lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const issues = (error: z.ZodError) => error.issues.map((issue) => issue.message);

const emailField = z
  .string({ error: 'email is required' })
  .trim()
  // abort: a value over the bound is never matched against the pattern.
  .max(EMAIL_MAX_LENGTH, { message: `email must be at most ${EMAIL_MAX_LENGTH} characters`, abort: true })
  .regex(EMAIL_PATTERN, 'email must be an address like ops@example.com')
  .transform(normalizeEmail);

const nameField = z
  .string({ error: 'name is required' })
  .trim()
  .min(1, 'name is required')
  .max(NAME_MAX_LENGTH, `name must be at most ${NAME_MAX_LENGTH} characters`);

// Never trimmed: every character the user chose counts.
const newPasswordField = z
  .string({ error: 'password is required' })
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`);

const roleField = z.enum(USER_ROLES, { error: `role must be one of ${USER_ROLES.join(', ')}` });

// The code of the carrier a carrier user is bound to; null (in a change) unbinds.
const carrierField = z
  .string({ error: 'carrier must be a carrier code' })
  .trim()
  .toLowerCase()
  .regex(CARRIER_CODE_PATTERN, 'carrier must be a carrier code (2-40 characters of a-z 0-9 _ -)');

/** A carrier user names exactly one carrier; an admin or viewer names none. Null when the pair fits. */
export function carrierBindingProblem(role: UserRole, carrier: string | null | undefined): string | null {
  if (role === 'carrier' && !carrier) return 'a carrier user must name its carrier (carrier: <code>)';
  if (role !== 'carrier' && carrier) return `only a carrier user is bound to a carrier; a${role === 'admin' ? 'n' : ''} ${role} sees every carrier`;
  return null;
}

const loginSchema = z.object(
  {
    // No format check at sign-in: a malformed address is simply an unknown one.
    email: z.string({ error: 'email is required' }).trim().min(1, 'email is required').max(EMAIL_MAX_LENGTH, `email must be at most ${EMAIL_MAX_LENGTH} characters`).transform(normalizeEmail),
    password: z.string({ error: 'password is required' }).min(1, 'password is required').max(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`),
  },
  { error: 'body must be a JSON object' },
);

export type LoginRequest = z.infer<typeof loginSchema>;

export function parseLogin(body: unknown): ParseResult<LoginRequest> {
  const parsed = loginSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  // The e-mail is looked up as text: one PostgreSQL cannot hold (a NUL) is a 400, not a failed query.
  const unstorable = storageProblems({ email: parsed.data.email }, '');
  return unstorable.length > 0 ? { ok: false, errors: unstorable } : { ok: true, value: parsed.data };
}

const userCreationSchema = z.object(
  { email: emailField, name: nameField, role: roleField, password: newPasswordField, carrier: carrierField.optional() },
  { error: 'body must be a JSON object' },
);

export type UserCreation = z.infer<typeof userCreationSchema>;

export function parseUserCreation(body: unknown): ParseResult<UserCreation> {
  const parsed = userCreationSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  const binding = carrierBindingProblem(parsed.data.role, parsed.data.carrier);
  if (binding) return { ok: false, errors: [binding] };
  // The password is hashed, never stored as text; the e-mail and name are.
  const unstorable = storageProblems({ email: parsed.data.email, name: parsed.data.name }, '');
  return unstorable.length > 0 ? { ok: false, errors: unstorable } : { ok: true, value: parsed.data };
}

const UPDATABLE_FIELDS = ['name', 'role', 'disabled', 'password', 'carrier'] as const;

const userUpdateSchema = z.object(
  {
    name: nameField.optional(),
    role: roleField.optional(),
    disabled: z.boolean({ error: 'disabled must be true or false' }).optional(),
    password: newPasswordField.optional(),
    carrier: carrierField.nullable().optional(),
  },
  { error: 'body must be a JSON object' },
);

export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** A PATCH names at least one field and nothing else: a misspelt field must not pass as a no-op. */
export function parseUserUpdate(body: unknown): ParseResult<UserUpdate> {
  const parsed = userUpdateSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  const unstorable = storageProblems({ name: parsed.data.name }, '');
  if (unstorable.length > 0) return { ok: false, errors: unstorable };
  const unknown = Object.keys(body as object).filter((key) => !(UPDATABLE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) return { ok: false, errors: unknown.map((key) => `'${key}' is not a user field; use ${UPDATABLE_FIELDS.join(', ')}`) };
  if (UPDATABLE_FIELDS.every((field) => parsed.data[field] === undefined)) {
    return { ok: false, errors: [`body must set at least one of ${UPDATABLE_FIELDS.join(', ')}`] };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Sliding expiry: a used session lives `ttlMs` past its last request. The new expiry is written at
 * most every tenth of the lifetime (and at least every minute), not on every request.
 */
export function renewedSessionExpiry(input: { now: Date; lastSeenAt: Date; ttlMs: number }): Date | null {
  const interval = Math.min(MINUTE_MS, input.ttlMs / 10);
  if (input.now.getTime() - input.lastSeenAt.getTime() < interval) return null;
  return new Date(input.now.getTime() + input.ttlMs);
}
