import {
  type CreatedChannel,
  type NotificationChannel,
  parseChannels,
  parseCreatedChannel,
  parseSilence,
  parseSilences,
  type Silence,
} from './alert-types';
import { type RequestOptions, sendJson, withQuery } from './api-client';
import {
  type CarrierSummary,
  type CodeMapMappings,
  type CodeSuggestion,
  type DataQuality,
  parseCarrierList,
  parseCodeMap,
  parseCodeSuggestions,
  parseCodeMapReplaced,
  parseDataQuality,
  type RemapResult,
} from './data-quality-types';
import { type CurrentUser, type LoginResult, parseCurrentUser, parseLoginResult } from './auth-types';
import { type ChannelDelivery, parseChannelDeliveries, parsePolicyPreview, type PolicyPreview } from './policy-state-types';
import { type LegMatch, parseLegMatches, parseShipmentJourney, type ShipmentJourney } from './shipment-types';
import {
  type Breach,
  type BreachDetail,
  type EvidenceExport,
  parseBreachDetail,
  parseBreaches,
  parseEvidenceExport,
  parsePolicies,
  parsePolicy,
  type SlaPolicy,
} from './sla-types';

// The endpoints of the pages added with user sign-in (issue 6); one function per call.

export function login({ email, password }: { email: string; password: string }): Promise<LoginResult> {
  return sendJson({
    method: 'POST',
    path: '/auth/login',
    token: null,
    body: { email, password },
    parse: parseLoginResult,
    acceptedStatuses: [200],
    unauthorizedIsError: true,
  });
}

export function fetchCurrentUser({ token, signal }: RequestOptions): Promise<CurrentUser> {
  return sendJson({ method: 'GET', path: '/auth/me', token, signal, parse: parseCurrentUser, acceptedStatuses: [200] });
}

export function logout({ token }: RequestOptions): Promise<void> {
  return sendJson({ method: 'POST', path: '/auth/logout', token, parse: () => undefined, acceptedStatuses: [200, 204] });
}

export type BreachQuery = { status: string | null; carrier: string | null; corridor: string | null };

export function fetchBreaches({ status, carrier, corridor, ...options }: RequestOptions & BreachQuery): Promise<Breach[]> {
  return sendJson({ ...options, method: 'GET', path: withQuery('/breaches', { status, carrier, corridor }), parse: parseBreaches });
}

export function fetchBreach({ id, ...options }: RequestOptions & { id: string }): Promise<BreachDetail> {
  return sendJson({ ...options, method: 'GET', path: `/breaches/${encodeURIComponent(id)}`, parse: parseBreachDetail });
}

// Every parcel behind the breach's window, for the evidence CSV (bounded by the API, which says when it cut).
export function fetchBreachEvidence({ id, ...options }: RequestOptions & { id: string }): Promise<EvidenceExport> {
  return sendJson({ ...options, method: 'GET', path: `/breaches/${encodeURIComponent(id)}/evidence`, parse: parseEvidenceExport });
}

export function acknowledgeBreach({ id, note, ...options }: RequestOptions & { id: string; note: string }): Promise<BreachDetail> {
  return sendJson({
    ...options,
    method: 'POST',
    path: `/breaches/${encodeURIComponent(id)}/acknowledge`,
    body: { note },
    parse: parseBreachDetail,
  });
}

export function fetchShipmentJourney({
  carrier,
  trackingNumber,
  ...options
}: RequestOptions & { carrier: string; trackingNumber: string }): Promise<ShipmentJourney> {
  const path = `/shipments/${encodeURIComponent(carrier)}/${encodeURIComponent(trackingNumber)}`;
  return sendJson({ ...options, method: 'GET', path, parse: parseShipmentJourney });
}

export function fetchLegMatches({ trackingNumber, ...options }: RequestOptions & { trackingNumber: string }): Promise<LegMatch[]> {
  return sendJson({ ...options, method: 'GET', path: withQuery('/shipments', { trackingNumber }), parse: parseLegMatches });
}

export function fetchPolicies(options: RequestOptions): Promise<SlaPolicy[]> {
  return sendJson({ ...options, method: 'GET', path: '/sla-policies', parse: parsePolicies });
}

export function savePolicy({ id, body, ...options }: RequestOptions & { id: string | null; body: Record<string, unknown> }): Promise<SlaPolicy> {
  return sendJson({
    ...options,
    method: id === null ? 'POST' : 'PUT',
    path: id === null ? '/sla-policies' : `/sla-policies/${encodeURIComponent(id)}`,
    body,
    parse: (value) => parsePolicy(value),
  });
}

export function deletePolicy({ id, ...options }: RequestOptions & { id: string }): Promise<void> {
  const path = `/sla-policies/${encodeURIComponent(id)}`;
  return sendJson({ ...options, method: 'DELETE', path, parse: () => undefined, acceptedStatuses: [200, 204] });
}

export function previewPolicy({ body, ...options }: RequestOptions & { body: Record<string, unknown> }): Promise<PolicyPreview> {
  return sendJson({ ...options, method: 'POST', path: '/sla-policies/preview', body, parse: parsePolicyPreview });
}

export function unacknowledgeBreach({ id, ...options }: RequestOptions & { id: string }): Promise<BreachDetail> {
  return sendJson({ ...options, method: 'POST', path: `/breaches/${encodeURIComponent(id)}/unacknowledge`, body: {}, parse: parseBreachDetail });
}

export function sendChannelTest({ id, ...options }: RequestOptions & { id: string }): Promise<void> {
  const path = `/notification-channels/${encodeURIComponent(id)}/test`;
  return sendJson({ ...options, method: 'POST', path, body: {}, parse: () => undefined, acceptedStatuses: [202] });
}

export function fetchChannelDeliveries({ id, ...options }: RequestOptions & { id: string }): Promise<ChannelDelivery[]> {
  const path = `/notification-channels/${encodeURIComponent(id)}/deliveries`;
  return sendJson({ ...options, method: 'GET', path, parse: parseChannelDeliveries });
}

export function fetchChannels(options: RequestOptions): Promise<NotificationChannel[]> {
  return sendJson({ ...options, method: 'GET', path: '/notification-channels', parse: parseChannels });
}

export function createChannel({ body, ...options }: RequestOptions & { body: Record<string, unknown> }): Promise<CreatedChannel> {
  return sendJson({ ...options, method: 'POST', path: '/notification-channels', body, parse: parseCreatedChannel });
}

export function deleteChannel({ id, ...options }: RequestOptions & { id: string }): Promise<void> {
  const path = `/notification-channels/${encodeURIComponent(id)}`;
  return sendJson({ ...options, method: 'DELETE', path, parse: () => undefined, acceptedStatuses: [200, 204] });
}

export function fetchSilences(options: RequestOptions): Promise<Silence[]> {
  return sendJson({ ...options, method: 'GET', path: '/silences', parse: parseSilences });
}

export function createSilence({ body, ...options }: RequestOptions & { body: Record<string, unknown> }): Promise<Silence> {
  return sendJson({ ...options, method: 'POST', path: '/silences', body, parse: (value) => parseSilence(value) });
}

export function deleteSilence({ id, ...options }: RequestOptions & { id: string }): Promise<void> {
  const path = `/silences/${encodeURIComponent(id)}`;
  return sendJson({ ...options, method: 'DELETE', path, parse: () => undefined, acceptedStatuses: [200, 204] });
}

export function fetchCarrierList(options: RequestOptions): Promise<CarrierSummary[]> {
  return sendJson({ ...options, method: 'GET', path: '/carriers', parse: parseCarrierList });
}

export function fetchDataQuality({ carrier, ...options }: RequestOptions & { carrier: string }): Promise<DataQuality> {
  const path = `/carriers/${encodeURIComponent(carrier)}/data-quality`;
  return sendJson({ ...options, method: 'GET', path, parse: parseDataQuality });
}

export function fetchCodeMap({ carrier, ...options }: RequestOptions & { carrier: string }): Promise<CodeMapMappings> {
  return sendJson({ ...options, method: 'GET', path: `/carriers/${encodeURIComponent(carrier)}/code-map`, parse: parseCodeMap });
}

export function fetchCodeSuggestions({ carrier, ...options }: RequestOptions & { carrier: string }): Promise<Map<string, CodeSuggestion>> {
  const path = `/carriers/${encodeURIComponent(carrier)}/code-map/suggestions`;
  return sendJson({ ...options, method: 'GET', path, parse: parseCodeSuggestions });
}

// Maps one code under the server's code-map lock: the same change and re-map as a PUT with it added.
export function mapCode({ carrier, code, milestone, ...options }: RequestOptions & { carrier: string; code: string; milestone: string }): Promise<RemapResult> {
  return sendJson({
    ...options,
    method: 'POST',
    path: `/carriers/${encodeURIComponent(carrier)}/code-map/${encodeURIComponent(code)}`,
    body: { milestone },
    parse: parseCodeMapReplaced,
  });
}

// A PUT replaces the whole map, so callers send the current map with their change merged in.
export function replaceCodeMap({
  carrier,
  mappings,
  ...options
}: RequestOptions & { carrier: string; mappings: CodeMapMappings }): Promise<RemapResult> {
  return sendJson({
    ...options,
    method: 'PUT',
    path: `/carriers/${encodeURIComponent(carrier)}/code-map`,
    body: { mappings },
    parse: parseCodeMapReplaced,
  });
}
