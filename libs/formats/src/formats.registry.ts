import type { Milestone } from '@lanewatch/domain';
import type { AdapterContext, AdapterResult } from './adapter.types';
import { AFTERSHIP_CODE_MAP } from './aftership/aftership.code-map';
import { adaptAfterShip } from './aftership/aftership.adapter';
import { CAINIAO_CODE_MAP } from './cainiao/cainiao.code-map';
import { adaptCainiao } from './cainiao/cainiao.adapter';
import { EASYPOST_CODE_MAP } from './easypost/easypost.code-map';
import { adaptEasyPost } from './easypost/easypost.adapter';
import { SEVENTEEN_TRACK_CODE_MAP } from './seventeen-track/seventeen-track.code-map';
import { adaptSeventeenTrack } from './seventeen-track/seventeen-track.adapter';
import { isRecord } from './payload.util';
import { checkFreshness, FreshnessCheck, SignatureCheck, verifyAfterShipSignature, verifyEasyPostSignature, verifySeventeenTrackSignature } from './signatures';
import { UPU_CODE_MAP } from './upu/upu.code-map';
import { adaptUpuCsv, adaptUpuJson } from './upu/upu.adapter';

export const FORMATS = ['aftership', '17track', 'easypost', 'upu', 'cainiao'] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormatName(value: string): value is FormatName {
  return (FORMATS as readonly string[]).includes(value);
}

export interface SignatureRequest {
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
  parsed: unknown;
  secret: string;
  now: Date;
}

export interface FormatDefinition {
  /** Formats without a signature of their own authenticate with the carrier's Bearer key. */
  signed: boolean;
  /** Built-in code map: each carrier's default, editable per carrier (events.md §5). */
  codeMap: Readonly<Record<string, Milestone>>;
  verify?: (request: SignatureRequest) => SignatureCheck;
  adapt: (payload: unknown, context: AdapterContext) => AdapterResult;
}

/** The signature first (it makes the body trustworthy), then the signed timestamp inside the body. */
const signedAndFresh = (signature: SignatureCheck, freshness: () => FreshnessCheck): SignatureCheck => {
  if (!signature.ok) return signature;
  const fresh = freshness();
  return fresh.ok ? signature : fresh;
};

export const FORMAT_DEFINITIONS: Readonly<Record<FormatName, FormatDefinition>> = {
  aftership: {
    signed: true,
    codeMap: AFTERSHIP_CODE_MAP,
    // `ts` is inside the signed body, so checking it after the signature makes it trustworthy.
    verify: ({ rawBody, headers, parsed, secret, now }) =>
      signedAndFresh(verifyAfterShipSignature({ rawBody, header: headers['aftership-hmac-sha256'], secret }), () =>
        checkFreshness({ timestampMs: isRecord(parsed) && typeof parsed.ts === 'number' ? parsed.ts * 1000 : null, now, field: 'ts' }),
      ),
    adapt: adaptAfterShip,
  },
  '17track': {
    signed: true,
    codeMap: SEVENTEEN_TRACK_CODE_MAP,
    verify: ({ rawBody, headers, secret }) => verifySeventeenTrackSignature({ rawBody, header: headers['sign'], secret }),
    adapt: adaptSeventeenTrack,
  },
  easypost: {
    signed: true,
    codeMap: EASYPOST_CODE_MAP,
    verify: ({ rawBody, headers, parsed, secret, now }) =>
      signedAndFresh(verifyEasyPostSignature({ rawBody, header: headers['x-hmac-signature'], secret }), () =>
        checkFreshness({
          timestampMs: isRecord(parsed) && typeof parsed.updated_at === 'string' ? Date.parse(parsed.updated_at) : null,
          now,
          field: 'updated_at',
        }),
      ),
    adapt: adaptEasyPost,
  },
  upu: {
    signed: false,
    codeMap: UPU_CODE_MAP,
    adapt: (payload, context) => (typeof payload === 'string' ? adaptUpuCsv(payload, context) : adaptUpuJson(payload, context)),
  },
  cainiao: { signed: false, codeMap: CAINIAO_CODE_MAP, adapt: adaptCainiao },
};
