/**
 * The scenario in the URL fragment: `#s=<share code>` (packages/scenario/src/share.ts). A
 * fragment never reaches a server, so a shared link keeps the scenario in the browser. Pure TS.
 */
import { encodeShareCode, type Scenario, type ValidationError } from '@sweetspot/scenario';
import { inThreadLinkDecoder, type LinkDecoder } from './decodeClient.ts';

/** Name of the fragment parameter holding the share code. */
export const SHARE_PARAM = 's';

/** The share code in a location hash (`#s=…`, other `&`-separated parameters allowed). */
export function shareCodeFromHash(hash: string): string | undefined {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return undefined;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key !== SHARE_PARAM) continue;
    const value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value; // a stray % sign: let the decoder say the link is damaged
    }
  }
  return undefined;
}

/** `hash` with its share code replaced by `code` (other parameters kept, in order). */
export function hashWithShareCode(hash: string, code: string): string {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const others = body === '' ? [] : body.split('&').filter((p) => p.split('=')[0] !== SHARE_PARAM);
  return `#${[`${SHARE_PARAM}=${code}`, ...others].join('&')}`;
}

/** The full link to a scenario: this page (path and query kept) with the scenario as fragment. */
export function shareUrl(href: string, scenario: Scenario): string {
  const url = new URL(href);
  url.hash = hashWithShareCode(url.hash, encodeShareCode(scenario));
  return url.toString();
}

/** What a link could not open, for the dismissible message. */
export interface LinkProblem {
  errors: ValidationError[];
}

export interface InitialScenario {
  scenario: Scenario;
  /** Where it came from: the link, or the default (no link, or a link that did not open). */
  from: 'link' | 'default';
  problem?: LinkProblem;
}

/**
 * The scenario to start with: the link's if it decodes and validates, else the default with
 * the reasons the link was refused. The app decodes in a worker (`decode`); no link, no worker.
 */
export async function initialScenario(
  hash: string,
  fallback: () => Scenario,
  decode: LinkDecoder = inThreadLinkDecoder,
): Promise<InitialScenario> {
  const code = shareCodeFromHash(hash);
  if (code === undefined) return { scenario: fallback(), from: 'default' };
  const decoded = await decode(code);
  if (decoded.ok) return { scenario: decoded.scenario, from: 'link' };
  return { scenario: fallback(), from: 'default', problem: { errors: decoded.errors } };
}
