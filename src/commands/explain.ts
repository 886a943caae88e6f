import type { Context } from '../context.js';
import { notBuilt } from './not-built.js';
export async function runExplain(_c: string, _ctx: Context): Promise<number> { notBuilt('explain'); }
