import type { Context } from '../context.js';
import { notBuilt } from './not-built.js';
export async function runSandbox(_opts: unknown, _ctx: Context): Promise<number> { notBuilt('sandbox'); }
