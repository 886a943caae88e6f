import type { Context } from '../context.js';
import { notBuilt } from './not-built.js';
export async function runDemo(_ctx: Context): Promise<number> { notBuilt('demo'); }
