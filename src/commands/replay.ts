import type { Context } from '../context.js';
import { notBuilt } from './not-built.js';
export async function runReplay(_files: string[], _opts: unknown, _ctx: Context): Promise<number> { notBuilt('replay'); }
