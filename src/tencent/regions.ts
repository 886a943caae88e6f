/**
 * Tencent Cloud Chat REST data centres. Source: reference/protocols.md §2.2 and the normal_push_trace page
 * (https://www.tencentcloud.com/document/product/1047/71896), which lists exactly these six regions.
 * Mumbai and Tokyo hosts are UNCONFIRMED-current, so they are reachable only through --endpoint.
 */
export interface Region {
  id: RegionId;
  name: string;
  host: string;
  aliases: readonly string[];
}

export type RegionId = 'cn' | 'sgp' | 'kr' | 'ger' | 'usa' | 'idn';

export const REGIONS: readonly Region[] = [
  { id: 'cn', name: 'China', host: 'console.tim.qq.com', aliases: ['china'] },
  { id: 'sgp', name: 'Singapore', host: 'adminapisgp.im.qcloud.com', aliases: ['singapore'] },
  { id: 'kr', name: 'Seoul', host: 'adminapikr.im.qcloud.com', aliases: ['seoul', 'korea'] },
  { id: 'ger', name: 'Frankfurt', host: 'adminapiger.im.qcloud.com', aliases: ['frankfurt', 'germany'] },
  { id: 'usa', name: 'Silicon Valley', host: 'adminapiusa.im.qcloud.com', aliases: ['silicon-valley', 'us'] },
  { id: 'idn', name: 'Jakarta', host: 'adminapiidn.im.qcloud.com', aliases: ['jakarta', 'indonesia'] },
];

/** Finds a region by id or long name, case-insensitively; undefined when unknown. */
export function findRegion(input: string): Region | undefined {
  const key = input.trim().toLowerCase();
  return REGIONS.find((r) => r.id === key || r.aliases.includes(key));
}

/** The comma-separated list used in error messages and help. */
export const REGION_LIST = REGIONS.map((r) => r.id).join(', ');

/** The HTTPS base URL of a region's REST host. */
export function regionBaseUrl(region: Region): string {
  return `https://${region.host}`;
}

/** Every spelling findRegion accepts (ids and long names), for "did you mean" on a typo. */
export const REGION_WORDS: readonly string[] = REGIONS.flatMap((r) => [r.id, ...r.aliases]);
